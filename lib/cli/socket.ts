import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import type { Db } from "@/db";
import { dataPath } from "@/lib/runtime/data-dir";
import { runCommand, type CliResult } from "./commands";

// While the server holds the embedded database, the CLI must not open it: it sends its command over
// a Unix socket that only the folder's owner can reach (mode 600), and the server runs it on its own
// connection. The request is one JSON line: {"argv": [...]}; the answer is one JSON CliResult.

export function socketPath(): string {
  const inFolder = dataPath("cli.sock");
  // Unix socket paths are limited to ~107 bytes.
  if (Buffer.byteLength(inFolder) < 100) return inFolder;
  const id = crypto.createHash("sha256").update(inFolder).digest("hex").slice(0, 16);
  return path.join(os.tmpdir(), `stint-${id}.sock`);
}

export async function serveCli(db: () => Db): Promise<{ path: string; close(): void }> {
  const file = socketPath();
  fs.rmSync(file, { force: true }); // Left over from a process that died; we hold the lock now.
  const server = net.createServer((conn) => {
    let buffer = "";
    conn.setEncoding("utf8");
    conn.on("data", async (chunk) => {
      buffer += chunk;
      const newline = buffer.indexOf("\n");
      if (newline < 0) {
        if (buffer.length > 65_536) conn.destroy();
        return;
      }
      let result: CliResult;
      try {
        const { argv } = JSON.parse(buffer.slice(0, newline)) as { argv: unknown };
        if (!Array.isArray(argv) || !argv.every((a) => typeof a === "string")) throw new Error("bad request");
        result = await runCommand(db(), argv, { via: "server" });
      } catch (error) {
        result = { exitCode: 1, stdout: "", stderr: `Bad CLI request: ${(error as Error).message}\n` };
      }
      conn.end(JSON.stringify(result) + "\n");
    });
    conn.on("error", () => {});
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(file, () => resolve());
  });
  fs.chmodSync(file, 0o600);
  server.unref();
  return { path: file, close: () => server.close() };
}

export function sendToServer(file: string, argv: string[], timeoutMs = 60_000): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const conn = net.connect(file);
    let buffer = "";
    conn.setEncoding("utf8");
    conn.setTimeout(timeoutMs, () => conn.destroy(new Error("The server did not answer in time")));
    conn.on("connect", () => conn.write(JSON.stringify({ argv }) + "\n"));
    conn.on("data", (chunk) => (buffer += chunk));
    conn.on("end", () => {
      try {
        resolve(JSON.parse(buffer) as CliResult);
      } catch {
        reject(new Error("The server closed the connection without an answer"));
      }
    });
    conn.on("error", reject);
  });
}
