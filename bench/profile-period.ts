// Where the time of one period report goes (the Overview's request), on a seeded PGlite folder:
// node --import tsx bench/profile-period.ts <pglite folder> [seed]
import fs from "node:fs";
import { openDatabase } from "@/db";
import { migrateDatabase } from "@/db/migrate";
import { periodOverview } from "@/lib/reports/overview";
import { periodReport } from "@/lib/reports/period";
import { periodOf } from "@/lib/time/period";
import { SCOPES } from "@/lib/tokens/scopes";
import { getUserByEmailOrThrow } from "@/lib/users/service";
import { userActor } from "@/lib/workspaces/actor";
import { HISTORY_EMAIL, seedHistory } from "./history-seed";

async function main() {
  const dir = process.argv[2];
  const fresh = !fs.existsSync(dir);
  fs.mkdirSync(dir, { recursive: true });
  const handle = openDatabase({ pgliteDir: dir });
  await migrateDatabase(handle, { pgliteDir: dir });
  if (fresh) await seedHistory(handle.db, 100_000, async (n, fn) => void (await fn()));
  const db = handle.db;
  const actor = await userActor(db, await getUserByEmailOrThrow(db, HISTORY_EMAIL), SCOPES);
  const period = periodOf("month", "2026-11-01", actor.timezone, actor.weekStart);
  const time = async (name: string, fn: () => Promise<unknown>) => {
    const runs: number[] = [];
    let out: unknown;
    for (let i = 0; i < 6; i++) {
      const t0 = performance.now();
      out = await fn();
      runs.push(performance.now() - t0);
    }
    runs.sort((a, b) => a - b);
    console.log(`${name.padEnd(30)} median ${runs[3].toFixed(1)} ms  min ${runs[0].toFixed(1)}`);
    return out;
  };
  await time("periodOverview", () => periodOverview(db, actor, period));
  const r = (await time("periodReport", () => periodReport(db, actor, period))) as { sessions: unknown[] };
  await time("JSON.stringify", async () => JSON.stringify(r));
  console.log("sessions", r.sessions.length, "bytes", JSON.stringify(r).length);
  await handle.close();
}
void main();
