// CPU time of processes, from /proc (Linux): per-request CPU is steadier than requests/s on a shared
// machine, and it splits the cost between the server under test and PostgreSQL.
import fs from "node:fs";
import postgres from "postgres";

const TICKS_PER_SECOND = 100; // USER_HZ: 100 on Linux

/**
 * utime + stime of a process in ms; null when /proc does not tell (not Linux, or another user's
 * process), "gone" when the process has ended.
 */
export function processCpuMs(pid: number): number | null;
export function processCpuMs(pid: number, allowGone: true): number | null | "gone";
export function processCpuMs(pid: number, allowGone = false): number | null | "gone" {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch (error) {
    return allowGone && (error as NodeJS.ErrnoException).code === "ENOENT" ? "gone" : null;
  }
}

/** CPU of each PostgreSQL backend serving one database, by pid (null when /proc does not tell). */
export async function postgresCpuMs(sql: postgres.Sql, database: string): Promise<Map<number, number> | null> {
  const rows = await sql<{ pid: number }[]>`select pid from pg_stat_activity where datname = ${database} and pid <> pg_backend_pid()`;
  const out = new Map<number, number>();
  for (const { pid } of rows) {
    const ms = processCpuMs(pid, true);
    if (ms === null) return null;
    if (ms !== "gone") out.set(pid, ms); // a backend that ended meanwhile
  }
  return out;
}

/** CPU the backends used between two snapshots (backends that appeared count from zero). */
export function postgresCpuDelta(before: Map<number, number> | null, after: Map<number, number> | null): number | null {
  if (!before || !after) return null;
  let total = 0;
  for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
  return total;
}

/** Pids of a process and all its descendants (from /proc: a server may run its work in child processes). */
function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      // ended meanwhile
    }
  }
  const out = [root];
  for (let i = 0; i < out.length; i++) out.push(...(children.get(out[i]) ?? []));
  return out;
}

/** utime + stime in ms of a process and its descendants (null when /proc does not tell). */
export function processTreeCpuMs(pid: number): number | null {
  let total = 0;
  for (const p of processTree(pid)) {
    const ms = processCpuMs(p, true);
    if (ms === null) return null;
    if (ms !== "gone") total += ms;
  }
  return total;
}

/** Resident memory in MB of a process and its descendants. */
export function processTreeRssMb(pid: number): number | null {
  let kb = 0;
  for (const p of processTree(pid)) {
    try {
      kb += Number(fs.readFileSync(`/proc/${p}/status`, "utf8").match(/VmRSS:\s+(\d+)/)?.[1] ?? 0);
    } catch {
      // ended meanwhile
    }
  }
  return kb ? kb / 1024 : null;
}
