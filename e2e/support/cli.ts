import { spawn } from "node:child_process";
import { stintEnv } from "./server";

export type CliRun = { code: number | null; stdout: string; stderr: string };

/** Runs the admin CLI exactly as a person does: `npm run --silent stint -- ...`. */
export function runCli(args: string[], opts: { dataDir: string; databaseUrl?: string }): Promise<CliRun> {
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
