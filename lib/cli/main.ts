// The admin CLI: `npm run --silent stint -- <command>`. Prints only the command's result.
import fs from "node:fs";
import { env } from "@/lib/env";
import { progressLine, type ProgressUpdate } from "./command";
import { runCli } from "./run";

/** Progress on stderr (stdout keeps only the result): a bar redrawn in place on a terminal, plain lines otherwise. */
function showProgress(u: ProgressUpdate) {
  if (!process.stderr.isTTY) return void process.stderr.write(`${progressLine(u)}\n`);
  const width = 20;
  const bar = u.total ? `[${"#".repeat(Math.round((width * Math.min(u.done, u.total)) / u.total)).padEnd(width, ".")}] ${u.done}/${u.total}` : `${u.done}`;
  const line = `${u.phase} ${bar} ${u.message}`.slice(0, Math.max(20, (process.stderr.columns ?? 80) - 1));
  process.stderr.write(`\r\x1b[K${line}`);
}

async function main() {
  const { dataDir, DATABASE_URL } = env();
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  try {
    let shown = false;
    const result = await runCli({ dataDir, databaseUrl: DATABASE_URL }, process.argv.slice(2), (u) => ((shown = true), showProgress(u)));
    if (shown && process.stderr.isTTY) process.stderr.write("\r\x1b[K");
    process.stdout.write(result.stdout);
    process.stderr.write(result.stderr);
    process.exitCode = result.exitCode;
  } catch (error) {
    process.stderr.write(`Error: ${(error as Error).message}\n`);
    process.exitCode = 1;
  }
}

void main();
