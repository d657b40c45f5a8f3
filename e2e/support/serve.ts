// The web server of the e2e suite: a production `next start` on a fresh data folder and, when
// TEST_DATABASE_URL is set, on a fresh PostgreSQL database.
import { createEmptyDatabase } from "../../db/testing";
import { e2e, e2eDatabaseUrl } from "./config";
import { spawnServer } from "./server";

async function main() {
  if (e2e.serverUrl) await createEmptyDatabase(e2e.serverUrl, e2e.databaseName!);
  const fakeZoho = `http://127.0.0.1:${e2e.fakeZohoPort}`;
  const server = spawnServer({
    port: e2e.port,
    dataDir: e2e.dataDir!,
    databaseUrl: e2eDatabaseUrl(),
    // Zoho Projects connections of this server talk to the fake Zoho a spec starts on fakeZohoPort.
    env: {
      ZOHO_PROJECTS_BASE_URLS: JSON.stringify({ accounts: fakeZoho, api: fakeZoho }),
      ZOHO_CLIENT_ID: "1000.FAKECLIENT",
      ZOHO_CLIENT_SECRET: "fake-client-secret",
    },
  });
  const forward = () => void server.stop("SIGTERM");
  process.on("SIGTERM", forward);
  process.on("SIGINT", forward);
  const timer = setInterval(() => {
    const out = server.output();
    if (out) process.stdout.write(out.slice(printed));
    printed = out.length;
  }, 200);
  let printed = 0;
  const code = await server.exited;
  clearInterval(timer);
  process.stdout.write(server.output().slice(printed));
  process.exit(code ?? 0);
}

void main();
