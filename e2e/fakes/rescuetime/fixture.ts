import type { FakeRow } from "./state";

// A known day of activity (the contract's fixture guidance: 1-3 rows per slot summing to at most 300 s, a
// neutral and a distracting activity, gaps). Tests write the blocks they expect from it out in full.

const at = (day: string, hhmm: string) => `${day}T${hhmm}:00`;

/** Adds `count` consecutive 5-minute slots from `start` ("09:00") with the rows `make(i)` gives per slot. */
export function slots(day: string, start: string, count: number, make: (i: number) => Omit<FakeRow, "date">[]): FakeRow[] {
  const [h, m] = start.split(":").map(Number);
  const rows: FakeRow[] = [];
  for (let i = 0; i < count; i++) {
    const minutes = h * 60 + m + i * 5;
    const hhmm = `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
    for (const r of make(i)) rows.push({ date: at(day, hhmm), ...r });
  }
  return rows;
}

const code = (seconds: number, document?: string): Omit<FakeRow, "date"> => ({ seconds, activity: "code", category: "Editing & IDEs", productivity: 2, ...(document ? { document } : {}) });
const github = (seconds: number): Omit<FakeRow, "date"> => ({ seconds, activity: "github.com", category: "General Software Development", productivity: 2, document: "stint/pull/14" });
const slack = (seconds: number): Omit<FakeRow, "date"> => ({ seconds, activity: "slack", category: "Instant Message", productivity: 0 });
const youtube = (seconds: number): Omit<FakeRow, "date"> => ({ seconds, activity: "youtube.com", category: "Video", productivity: -2 });
const docs = (seconds: number): Omit<FakeRow, "date"> => ({ seconds, activity: "docs.google.com", category: "Writing", productivity: 1, document: "Invoice notes" });

/**
 * The working day of the fixture (local wall-clock):
 * - 09:00-09:45 code (9 slots, 280 s each + 20 s slack), one empty slot 09:45, code again 09:50-10:00 (2 slots, 300 s)
 * - 10:00-10:10 youtube.com (2 slots, 300 s: very distracting)
 * - 10:10-10:30 github.com (4 slots, 240 s + 60 s code)
 * - 10:30-10:35 code alone for 1 slot of 120 s (a fragment)
 * - 11:00-11:20 slack (4 slots, 300 s: neutral)
 * - 14:00-14:40 docs.google.com "Invoice notes" (8 slots, 290 s)
 */
export function workday(day: string): FakeRow[] {
  return [
    ...slots(day, "09:00", 9, () => [code(280, "lib/suggestions/rules.ts"), slack(20)]),
    ...slots(day, "09:50", 2, () => [code(300, "lib/suggestions/rules.ts")]),
    ...slots(day, "10:00", 2, () => [youtube(300)]),
    ...slots(day, "10:10", 4, () => [github(240), code(60)]),
    ...slots(day, "10:30", 1, () => [code(120)]),
    ...slots(day, "11:00", 4, () => [slack(300)]),
    ...slots(day, "14:00", 8, () => [docs(290)]),
  ];
}

const ACTIVITIES = [code, github, docs, slack, youtube];

/** A year of working days (Monday to Friday, 08:00-18:00) with 1-3 rows per slot, deterministic: the benchmark's input. */
export function year(firstDay: string, days = 365): FakeRow[] {
  const rows: FakeRow[] = [];
  const start = new Date(`${firstDay}T00:00:00Z`);
  let seed = 7;
  const next = () => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed / 2147483648);
  for (let d = 0; d < days; d++) {
    const date = new Date(start.getTime() + d * 86_400_000);
    if (date.getUTCDay() === 0 || date.getUTCDay() === 6) continue;
    const day = date.toISOString().slice(0, 10);
    let current = 0;
    rows.push(
      ...slots(day, "08:00", 120, () => {
        if (next() < 0.08) current = Math.floor(next() * ACTIVITIES.length);
        if (next() < 0.05) return []; // away
        const main = 200 + Math.floor(next() * 100);
        const extra = next() < 0.4 ? [ACTIVITIES[(current + 1) % ACTIVITIES.length](Math.min(300 - main, 40))] : [];
        return [ACTIVITIES[current](main), ...extra];
      }),
    );
  }
  return rows;
}
