import { spawn } from "node:child_process";
import { runCli as runCliInProcess } from "../../lib/cli/run";
import { stintEnv } from "./server";

export type CliRun = { code: number | null; stdout: string; stderr: string };
type Target = { dataDir: string; databaseUrl?: string };

/** The admin CLI's code, run in this process (fast: for creating test users and tokens). */
export async function runCli(args: string[], opts: Target): Promise<CliRun> {
  const result = await runCliInProcess({ dataDir: opts.dataDir, databaseUrl: opts.databaseUrl }, args);
  return { code: result.exitCode, stdout: result.stdout, stderr: result.stderr };
}

/** The admin CLI exactly as a person runs it: `npm run --silent stint -- ...`. */
export function runCliProcess(args: string[], opts: Target): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn("npm", ["run", "--silent", "stint", "--", ...args], {
      env: { ...stintEnv(opts.dataDir, opts.databaseUrl), npm_config_loglevel: "error" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.once("exit", (code) => resolve({ code, stdout, stderr }));
  });
}
