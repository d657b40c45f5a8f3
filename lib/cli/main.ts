// The admin CLI: `npm run --silent stint -- <command>`. Prints only the command's result.
import fs from "node:fs";
import { env } from "@/lib/env";
import { runCli } from "./run";

async function main() {
  const { dataDir, DATABASE_URL } = env();
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  try {
    const result = await runCli({ dataDir, databaseUrl: DATABASE_URL }, process.argv.slice(2));
    process.stdout.write(result.stdout);
    process.stderr.write(result.stderr);
    process.exitCode = result.exitCode;
  } catch (error) {
    process.stderr.write(`Error: ${(error as Error).message}\n`);
    process.exitCode = 1;
  }
}

void main();
