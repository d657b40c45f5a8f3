// Connecting ALP and importing its matters, through the service and the engine's import, against the fake
// ALP over real HTTP (e2e/fakes/alp).
import { and, asc, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeAlp, type FakeAlp } from "@/e2e/fakes/alp";
import { testRegistry } from "@/e2e/support/sync-engine";
import { createTestDb, type TestDb } from "@/db/testing";
import { integrationConnections, projects, tasks } from "@/db/schema";
import { runCommand } from "@/lib/cli/commands";
import { AppError } from "@/lib/errors";
import { makeUser } from "@/lib/testing/users";
import { openCredentials } from "../credentials";
import { availableProviders, connectWithCredentials } from "../service";
import { importProjects } from "../sync/import-projects";
import { scheduleImports } from "../sync/worker";
import { alp as alpProvider } from "./index";

let t: TestDb;
let alp: FakeAlp;
const providers = testRegistry([{ ...alpProvider, rateLimit: { burst: 1000, perSecond: 1000, blockMs: 300 } }]);

beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.cleanup());
beforeEach(async () => {
  alp = await startFakeAlp();
  delete process.env.ALP_API_URL;
});
afterEach(async () => {
  delete process.env.ALP_API_URL;
  await alp.close();
});

const failure = async (work: Promise<unknown>) => {
  try {
    await work;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected a failure");
};

async function person() {
  const user = await makeUser(t.db, { timezone: "Australia/Sydney" });
  const me = alp.state.addUser({ email: user.email, name: "Pat Solicitor" });
  return { user, me, key: alp.state.issueKey(me.id) };
}

describe("connecting ALP", () => {
  it("is offered with an API key and a URL field; a good key and URL connect after one call, the key sealed", async () => {
    expect(availableProviders(providers)).toEqual([
      expect.objectContaining({
        name: "alp",
        connect: "api_key",
        settings_form: [expect.objectContaining({ name: "url", kind: "url" }), expect.objectContaining({ name: "email" })],
        capabilities: { connect: "api_key", import: true, push: true, pull: false, activity: false },
      }),
    ]);
    const { user, key } = await person();
    const connection = await connectWithCredentials(t.db, user, "alp", { api_key: key, settings: { url: `${alp.url}/` } }, providers);
    expect(connection).toMatchObject({ provider: "alp", label: `ALP at ${new URL(alp.url).host}`, routing: "imported_projects", settings: { url: alp.url } });
    expect(alp.state.requests.map((r) => `${r.route} ${r.status}`)).toEqual(["GET users 200"]);
    const [row] = await t.db.select().from(integrationConnections).where(eq(integrationConnections.id, connection.id));
    expect(row.credentials).not.toContain(key);
    expect(openCredentials(row)).toEqual({ apiKey: key });
  });

  it("a bad key, a bad URL, a URL that is not ALP, an unreachable one, or none at all: a 400 that says which, nothing saved", async () => {
    const { user, key } = await person();
    const connect = (api_key: string, settings: Record<string, string>) => failure(connectWithCredentials(t.db, user, "alp", { api_key, settings }, providers));

    expect(await connect("alp_wrong_key", { url: alp.url })).toMatchObject({
      code: "bad_request",
      message: expect.stringContaining("ALP refused the API key (The API key is missing, wrong or revoked.)"),
      details: { reason: "provider_refused" },
    });
    expect((await connect(key, { url: "ftp://alp.example.com" })).details).toEqual({ fields: { "settings.url": ["Use the http(s) address of your practice's ALP API."] } });
    expect((await connect(key, { url: "https://user:pw@alp.example.com" })).details).toEqual({ fields: { "settings.url": [expect.stringContaining("no user name, password")] } });
    expect((await connect(key, { url: `${alp.url}/not-alp` })).message).toContain("does not answer like an ALP API");
    expect((await connect(key, { url: "http://127.0.0.1:9" })).message).toMatch(/Could not reach 127\.0\.0\.1:9/);
    expect((await connect(key, {})).details).toEqual({ fields: { "settings.url": [expect.stringContaining("no default ALP_API_URL")] } });
    expect(await t.db.select().from(integrationConnections).where(eq(integrationConnections.userId, user.id))).toEqual([]);

    // ALP_API_URL gives the address when the person gives none.
    process.env.ALP_API_URL = alp.url;
    expect(await connectWithCredentials(t.db, user, "alp", { api_key: key, settings: {} }, providers)).toMatchObject({ settings: { url: alp.url } });
  });

  it("stint integrations connect alp --api-key K --set url=U: connected and imported, the key never printed", async () => {
    const { user, key } = await person();
    alp.state.addMatter({ name: "Estate of Brown", number: "2001/26" });
    const ctx = { via: "direct" as const, providers };
    const done = await runCommand(t.db, ["integrations", "connect", "alp", "--user", user.email, "--api-key", key, "--set", `url=${alp.url}`, "--json"], ctx);
    expect(done.stderr).toBe("");
    expect(JSON.parse(done.stdout)).toMatchObject({ provider: "alp", imported: { projects: 1, tasks: 0 } });
    expect(done.stdout).not.toContain(key);
  });
});

describe("importing from ALP", () => {
  it("matters become projects, outcomes' components tasks named 'Outcome › Component'; GST types, defaults and the person's user are remembered; a re-import updates", async () => {
    const { user, me, key } = await person();
    alp.state.addUser({ email: "someone.else@example.com" });
    const smith = alp.state.addMatter({ name: "Smith v Jones", number: "1001/26", client_name: "Smith Pty Ltd", default_gst_type_id: "GST" });
    const pleadings = alp.state.addOutcome(smith.id, "Pleadings");
    const drafting = alp.state.addComponent(pleadings.id, "Drafting");
    alp.state.addComponent(pleadings.id, "Filing", false);
    const brown = alp.state.addMatter({ name: "Estate of Brown", number: "1002/26", default_gst_type_id: "GST-FREE" });
    alp.state.addMatter({ name: "Old matter", number: "0999/25", status: "closed" });
    const connection = await connectWithCredentials(t.db, user, "alp", { api_key: key, settings: { url: alp.url } }, providers);

    expect(await importProjects(t.db, connection, undefined, providers)).toEqual({ projects: 3, tasks: 2 });
    const imported = await t.db.select({ name: projects.name, remoteId: projects.remoteId, status: projects.status, description: projects.description }).from(projects).where(eq(projects.connectionId, connection.id)).orderBy(asc(projects.name));
    expect(imported).toEqual([
      { name: "0999/25 Old matter", remoteId: expect.any(String), status: "archived", description: "Client of Old matter" },
      { name: "1001/26 Smith v Jones", remoteId: smith.id, status: "active", description: "Smith Pty Ltd" },
      { name: "1002/26 Estate of Brown", remoteId: brown.id, status: "active", description: "Client of Estate of Brown" },
    ]);
    const taskRows = await t.db.select({ name: tasks.name, remoteId: tasks.remoteId }).from(tasks).where(eq(tasks.connectionId, connection.id)).orderBy(asc(tasks.name));
    expect(taskRows).toEqual([
      { name: "Pleadings › Drafting", remoteId: `${pleadings.id}/${drafting.id}` },
      { name: "Pleadings › Filing", remoteId: expect.stringMatching(new RegExp(`^${pleadings.id}/C-`)) },
    ]);
    const [row] = await t.db.select().from(integrationConnections).where(eq(integrationConnections.id, connection.id));
    expect(row.settings).toMatchObject({
      gstTypes: [{ id: "GST", name: "GST" }, { id: "GST-FREE", name: "GST-FREE" }],
      matterGst: { [smith.id]: "GST", [brown.id]: "GST-FREE" },
    });

    // Renamed, closed, a new component and a changed default: the next import follows.
    smith.name = "Smith v Jones & Anor";
    brown.status = "closed";
    brown.default_gst_type_id = "GST";
    alp.state.addComponent(pleadings.id, "Service");
    await importProjects(t.db, connection, undefined, providers);
    const [renamed] = await t.db.select().from(projects).where(and(eq(projects.connectionId, connection.id), eq(projects.remoteId, smith.id)));
    expect(renamed.name).toBe("1001/26 Smith v Jones & Anor");
    const [closed] = await t.db.select().from(projects).where(and(eq(projects.connectionId, connection.id), eq(projects.remoteId, brown.id)));
    expect(closed.status).toBe("archived");
    expect((await t.db.select().from(tasks).where(eq(tasks.connectionId, connection.id))).map((x) => x.name)).toContain("Pleadings › Service");
    const [after] = await t.db.select().from(integrationConnections).where(eq(integrationConnections.id, connection.id));
    expect((after.settings as { matterGst: Record<string, string> }).matterGst[brown.id]).toBe("GST");
    expect(me.id).toMatch(/^U-/);
  });

  it("is refreshed every 6 hours by the engine's import schedule", async () => {
    const { user, key } = await person();
    const connection = await connectWithCredentials(t.db, user, "alp", { api_key: key, settings: { url: alp.url } }, providers);
    await scheduleImports(t.db, 6 * 60 * 60_000, providers);
    const queued = await t.db.query.integrationJobs.findMany({ where: (j, { eq }) => eq(j.connectionId, connection.id) });
    expect(queued.map((j) => j.kind)).toEqual(["import_projects"]);
  });
});
