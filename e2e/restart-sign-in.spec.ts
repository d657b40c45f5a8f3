import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { createEmptyDatabase } from "../db/testing";
import { createUser, expect, signIn, test } from "./fixtures";
import { e2e } from "./support/config";
import { spawnServer, waitUntilHealthy, type StintServer } from "./support/server";

// While the database cannot be reached, signing in must say so (503, "Stint is not available right
// now"), never "Incorrect email or password": people would hunt for a typo or reset a good password.
// The server reaches PostgreSQL through a relay this test can cut and restore, as a network or
// database outage would. (The embedded database cannot become unreachable; its closing during a stop
// is covered by lib/runtime/database-unavailable.int.test.ts.)
test.describe.configure({ mode: "serial" });

const PORT = e2e.port + 21;
const UNAVAILABLE = "Stint is not available right now. Try again in a minute.";

/** A TCP relay to PostgreSQL that can drop every connection and refuse new ones, then let them through again. */
async function startRelay(target: URL) {
  const sockets = new Set<net.Socket>();
  let cut = false;
  const server = net.createServer((client) => {
    if (cut) return client.destroy();
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
      s.on("error", () => {});
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    cut() {
      cut = true;
      for (const s of sockets) s.destroy();
    },
    restore() {
      cut = false;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let server: StintServer | undefined;
let relay: Awaited<ReturnType<typeof startRelay>> | undefined;
test.afterAll(async () => {
  relay?.cut();
  await server?.stop("SIGKILL");
  await relay?.close();
});

test("while PostgreSQL cannot be reached, sign-in answers 'not available' (503), and works again once it can", async ({ browser }) => {
  test.skip(!e2e.serverUrl, "Needs PostgreSQL (TEST_DATABASE_URL): the embedded database cannot become unreachable.");
  const direct = new URL((await createEmptyDatabase(e2e.serverUrl!, `stint_e2e_unavail_${crypto.randomBytes(4).toString("hex")}`)).url);
  relay = await startRelay(direct);
  const relayed = new URL(direct);
  relayed.hostname = "127.0.0.1";
  relayed.port = String(relay.port);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "stint-e2e-unavail-"));
  server = spawnServer({ port: PORT, dataDir, databaseUrl: relayed.toString() });
  await waitUntilHealthy(server);
  const user = await createUser("outage", { dataDir, databaseUrl: direct.toString() });
  const login = (password: string) =>
    fetch(`${server!.url}/api/v1/auth/login`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ email: user.email, password }) });

  const context = await browser.newContext({ baseURL: server.url });
  const page = await context.newPage();
  await page.goto("/sign-in");

  relay.cut();
  // The API: the one error shape, a 503 to retry, for the right password and a wrong one alike.
  for (const password of [user.password, "not the password"]) {
    const res = await login(password);
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("30");
    expect(await res.json()).toEqual({ error: UNAVAILABLE, message: UNAVAILABLE, error_code: "unavailable" });
  }
  // The sign-in page (open since before the outage) says the same, and keeps what was typed.
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText(UNAVAILABLE)).toBeVisible();
  await expect(page.getByText("Incorrect email or password.")).toHaveCount(0);
  await expect(page.getByLabel("Email")).toHaveValue(user.email);
  expect(server.output()).toContain("[auth] sign-in refused: the database is not available");

  // Back: no restart needed; a wrong password is a wrong password again.
  relay.restore();
  expect((await login("not the password")).status).toBe(401);
  expect((await login(user.password)).status).toBe(201);
  await signIn(page, user);
  await context.close();
});
