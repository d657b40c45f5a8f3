// Reads the result files of bench/compare.sh's rounds and prints each endpoint's medians side by side.
// Usage: node --import tsx bench/compare-report.ts <before> <before.results> <after> <after.results>
// (each .results file lists one bench/results/*.md path per round).
import fs from "node:fs";

type Row = { rps: number; p50: number; p99: number; cpu: number; ratio: number };

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** The main table's rows ("| Endpoint | Conn. | Stint req/s | p50 | p99 | non-2xx | CPU a + b | Bare ... | Stint / bare |"). */
function rows(file: string): Map<string, Row> {
  const out = new Map<string, Row>();
  const lines = fs.readFileSync(file, "utf8").split("\n");
  const start = lines.findIndex((l) => l.startsWith("| Endpoint | Conn. | Stint req/s"));
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith("|")) break;
    const c = line.split("|").slice(1, -1).map((s) => s.trim());
    const [server, postgres] = c[6].split("+").map(Number);
    out.set(`${c[0]}|${c[1]}`, { rps: Number(c[2]), p50: Number(c[3]), p99: Number(c[4]), cpu: server + postgres, ratio: Number(c[12]) });
  }
  return out;
}

function medians(listFile: string) {
  const files = fs.readFileSync(listFile, "utf8").split("\n").filter(Boolean);
  const all = files.map(rows);
  const keys = [...all[0].keys()];
  const result = new Map<string, Row>();
  for (const key of keys) {
    const of = (f: keyof Row) => median(all.map((r) => r.get(key)?.[f]).filter((n): n is number => Number.isFinite(n)));
    result.set(key, { rps: of("rps"), p50: of("p50"), p99: of("p99"), cpu: of("cpu"), ratio: of("ratio") });
  }
  return { rounds: files.length, result };
}

const [beforeName, beforeList, afterName, afterList] = process.argv.slice(2);
const before = medians(beforeList);
const after = medians(afterList);
const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : "–");
const change = (a: number, b: number) => (Number.isFinite(a) && Number.isFinite(b) && a ? `${b >= a ? "+" : ""}${(((b - a) / a) * 100).toFixed(0)} %` : "–");

console.log(`Medians of ${before.rounds} rounds (${beforeName}) and ${after.rounds} rounds (${afterName}), alternated in one run.`);
console.log(`CPU = server + PostgreSQL CPU ms per request; Stint / bare = Stint's req/s over the bare node:http handler's in the same round.\n`);
console.log(`| Endpoint | Conn. | p50 ms ${beforeName} | p50 ms ${afterName} | p99 ms ${beforeName} | p99 ms ${afterName} | CPU ms/req ${beforeName} | CPU ms/req ${afterName} | CPU change | Stint / bare ${beforeName} | Stint / bare ${afterName} |`);
console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
for (const [key, b] of before.result) {
  const a = after.result.get(key);
  if (!a) continue;
  const [name, conn] = key.split("|");
  console.log(`| ${name} | ${conn} | ${fmt(b.p50)} | ${fmt(a.p50)} | ${fmt(b.p99)} | ${fmt(a.p99)} | ${fmt(b.cpu, 2)} | ${fmt(a.cpu, 2)} | ${change(b.cpu, a.cpu)} | ${fmt(b.ratio, 2)} | ${fmt(a.ratio, 2)} |`);
}
