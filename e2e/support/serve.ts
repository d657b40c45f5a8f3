// The web server of the e2e suite: a production `next start` on a fresh data folder and, when
// TEST_DATABASE_URL is set, on a fresh PostgreSQL database.
import { createEmptyDatabase } from "../../db/testing";
import { e2e, e2eDatabaseUrl, fakeRescueTimeEnv, fakeZohoEnv, mailSinkEnv, sharedServerEnv } from "./config";
import { spawnServer } from "./server";

async function main() {
  if (e2e.serverUrl) await createEmptyDatabase(e2e.serverUrl, e2e.databaseName!);
  // Integrations talk to the fake Zoho that specs start on e2e.fakeZohoPort; mail goes to the SMTP sink.
  const env = { ...fakeZohoEnv(), ...fakeRescueTimeEnv(), ...mailSinkEnv(), ...sharedServerEnv };
  const server = spawnServer({ port: e2e.port, dataDir: e2e.dataDir!, databaseUrl: e2eDatabaseUrl(), env });
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
