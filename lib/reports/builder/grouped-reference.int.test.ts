import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/db/testing";
import { queryRows } from "@/db/rows";
import { createClient } from "@/lib/clients/service";
import { parseOrThrow } from "@/lib/errors";
import { createProject } from "@/lib/projects/service";
import { ensureTags } from "@/lib/tags/service";
import { createTask } from "@/lib/tasks/service";
import { memberIn } from "@/lib/testing/members";
import { seededRandom } from "@/lib/testing/random";
import { makeUser, type TestUser } from "@/lib/testing/users";
import { removeMember, updateMember } from "@/lib/workspaces/members";
import { updateWorkspace } from "@/lib/workspaces/service";
import { groupedReport } from "./grouped";
import { GROUP_KEYS, groupedReportQuery, type GroupKey } from "./query-schema";
import { roundedSeconds, type Rounding } from "./rounding";

// The grouped report (one statement that reads each entry once, pieces-sql.ts) against a plain reference
// computed here from the raw rows: every entry split at PostgreSQL's local midnights, priced by the rate
// precedence, grouped, rounded and added up as rounding.ts and grouped-sql.ts document. A random fixture in
// Europe/Berlin around both DST changes: entries across midnight and across the range's edges, sub-second
// times with .5 s durations, tags (none, one, two), a task, a running timer, a former member.

let t: TestDb;
let owner: TestUser;
const NOW = new Date("2026-04-03T05:00:00.500Z");
beforeAll(async () => {
  t = await createTestDb();
  owner = await seedFixture();
});
afterAll(() => t.cleanup());

async function seedFixture(): Promise<TestUser> {
  const o = await makeUser(t.db, { timezone: "Europe/Berlin", weekStart: 1 });
  const others = [await makeUser(t.db), await makeUser(t.db), await makeUser(t.db)];
  for (const u of others) await memberIn(t.db, o.workspaceId, u.id, "member");
  await updateWorkspace(t.db, o, { default_hourly_rate: 50 });
  await updateMember(t.db, o, others[0].id, { hourly_rate: 65.5 });
  const rated = await createClient(t.db, o, { name: "Rated client", hourly_rate: 80 });
  const plain = await createClient(t.db, o, { name: "Plain client" });
  const projects = [
    await createProject(t.db, o, { name: "P rated", client_id: plain.id, hourly_rate: 99.99, member_rates: [{ user_id: others[1].id, hourly_rate: 120.25 }] }),
    await createProject(t.db, o, { name: "P via client", client_id: rated.id }),
    await createProject(t.db, o, { name: "P bare" }),
  ];
  const task = await createTask(t.db, o, { name: "Task", project_id: projects[0].id });
  const tags = await ensureTags(t.db, o, ["a", "b", "c"]);
  const users = [o.id, ...others.map((u) => u.id)];
  const rnd = seededRandom(15);
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  const rows: string[] = [];
  const tagRows: [number, number][] = [];
  for (let i = 0; i < 260; i++) {
    // Around both DST changes of 2026 (29 March, 25 October), starts on the millisecond.
    const base = Date.parse(i % 2 ? "2026-03-24T00:00:00Z" : "2026-10-19T00:00:00Z");
    const start = base + Math.floor(rnd() * 14 * 86_400_000);
    const long = rnd() < 0.15;
    // 1 minute to 3 hours, or up to 50 hours; some last a whole number of seconds and a half.
    let ms = long ? 3_600_000 + Math.floor(rnd() * 47 * 3_600_000) : 60_000 + Math.floor(rnd() * 3 * 3_600_000);
    if (i % 7 === 0) ms = Math.floor(ms / 1000) * 1000 + 500;
    const project = rnd() < 0.15 ? null : pick(projects).id;
    const withTask = project === projects[0].id && rnd() < 0.5;
    rows.push(
      `(${o.workspaceId}, ${pick(users)}, ${project ?? "null"}, ${withTask ? task.id : "null"}, '${new Date(start).toISOString()}', '${new Date(start + ms).toISOString()}', ${rnd() < 0.7}, 'e${i}')`,
    );
    const n = rnd() < 0.5 ? 0 : rnd() < 0.6 ? 1 : 2;
    const chosen = [...tags].sort(() => rnd() - 0.5).slice(0, n);
    for (const tag of chosen) tagRows.push([i, tag]);
  }
  // At the DST days' midnights: across the end of the 23-hour day, ending exactly at a midnight, in the
  // 25-hour day's last hour, across the end of the 25-hour day.
  const at = (from: string, to: string, i: number) => `(${o.workspaceId}, ${users[i % users.length]}, ${projects[i % 3].id}, null, '${from}', '${to}', true, 'edge ${i}')`;
  rows.push(
    at("2026-03-29T21:40:00Z", "2026-03-29T22:20:00Z", 0),
    at("2026-03-27T22:30:00Z", "2026-03-27T23:00:00Z", 1),
    at("2026-10-25T22:10:00Z", "2026-10-25T22:50:00Z", 2),
    at("2026-10-25T22:50:00Z", "2026-10-25T23:20:00Z", 3),
  );
  const ids = await queryRows<{ id: number }>(
    t.db,
    sql.raw(`insert into time_entries (workspace_id, user_id, project_id, task_id, start_at, end_at, billable, description) values ${rows.join(", ")} returning id`),
  );
  const values = tagRows.map(([i, tag]) => `(${o.workspaceId}, ${ids[i].id}, ${tag})`).join(", ");
  await t.db.execute(sql.raw(`insert into time_entry_tags (workspace_id, entry_id, tag_id) values ${values}`));
  // A running timer across midnight, counted up to NOW's last whole second of its clock.
  await t.db.execute(
    sql`insert into time_entries (workspace_id, user_id, project_id, start_at, billable) values (${o.workspaceId}, ${others[2].id}, ${projects[1].id}, '2026-04-02T20:00:00.250Z', true)`,
  );
  // A former member keeps their entries, priced without a member rate.
  await removeMember(t.db, o, others[0].id);
  return o;
}

type Figures = { entries: number; seconds: number; billable_seconds: number; rounded_seconds: number; rounded_billable_seconds: number; amount: number | null; rounded_amount: number | null };
type Part = { entry: number; day: string; seconds: number; billable: boolean; rate: number | null; keys: Record<GroupKey, (string | null)[]> };

/** Every entry's parts in the range's local days, with its rate in cents and its group key values. */
async function referenceParts(start: string, end: string): Promise<Part[]> {
  const ws = owner.workspaceId;
  const days = await queryRows<{ day: string; from_ms: string; to_ms: string }>(
    t.db,
    sql`select d::date::text as day, (extract(epoch from d at time zone 'Europe/Berlin') * 1000)::bigint::text as from_ms,
               (extract(epoch from (d + interval '1 day') at time zone 'Europe/Berlin') * 1000)::bigint::text as to_ms
        from generate_series(${start}::timestamp, ${end}::timestamp, interval '1 day') d`,
  );
  const entries = await queryRows<{ id: number; user_id: number; project_id: number | null; task_id: number | null; billable: boolean; start_ms: string; end_ms: string | null; tags: number[] | null }>(
    t.db,
    sql`select e.id, e.user_id, e.project_id, e.task_id, e.billable, (extract(epoch from e.start_at) * 1000)::bigint::text as start_ms,
               (extract(epoch from e.end_at) * 1000)::bigint::text as end_ms,
               (select array_agg(tag_id) from time_entry_tags g where g.entry_id = e.id) as tags
        from time_entries e where e.workspace_id = ${ws}`,
  );
  const [w] = await queryRows<{ rate: string | null }>(t.db, sql`select default_hourly_rate as rate from workspaces where id = ${ws}`);
  const members = new Map((await queryRows<{ user_id: number; rate: string | null }>(t.db, sql`select user_id, hourly_rate as rate from workspace_members where workspace_id = ${ws}`)).map((m) => [m.user_id, m.rate]));
  const projects = new Map(
    (await queryRows<{ id: number; client_id: number | null; rate: string | null; client_rate: string | null }>(
      t.db,
      sql`select p.id, p.client_id, p.hourly_rate as rate, c.hourly_rate as client_rate from projects p left join clients c on c.id = p.client_id where p.workspace_id = ${ws}`,
    )).map((p) => [p.id, p]),
  );
  const onProject = await queryRows<{ project_id: number; user_id: number; rate: string }>(t.db, sql`select project_id, user_id, hourly_rate as rate from project_member_rates`);
  const cents = (v: string | null | undefined) => (v === null || v === undefined ? null : Math.round(Number(v) * 100));
  // member-on-project > project > client > member > workspace default (a former member has no member rates).
  const rateOf = (projectId: number | null, userId: number) => {
    const p = projectId === null ? undefined : projects.get(projectId);
    const member = members.has(userId);
    const mine = member ? onProject.find((r) => r.project_id === projectId && r.user_id === userId)?.rate : undefined;
    return cents(mine ?? p?.rate ?? p?.client_rate ?? (member ? members.get(userId) : null) ?? w.rate);
  };
  const weekOf = (day: string) => {
    const d = new Date(`${day}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() - 1 + 7) % 7));
    return d.toISOString().slice(0, 10);
  };
  const parts: Part[] = [];
  for (const e of entries) {
    const s = Number(e.start_ms);
    const en = e.end_ms === null ? s + Math.floor((NOW.getTime() - s) / 1000) * 1000 : Number(e.end_ms);
    const p = e.project_id === null ? undefined : projects.get(e.project_id);
    for (const d of days.slice(0, -1)) {
      const ms = Math.min(en, Number(d.to_ms)) - Math.max(s, Number(d.from_ms));
      const seconds = Math.floor((ms + 500) / 1000);
      if (ms <= 0 || seconds <= 0) continue;
      const id = (v: number | null | undefined) => [v === null || v === undefined ? null : String(v)];
      parts.push({
        entry: e.id,
        day: d.day,
        seconds,
        billable: e.billable,
        rate: rateOf(e.project_id, e.user_id),
        keys: {
          client: id(p?.client_id),
          project: id(e.project_id),
          task: id(e.task_id),
          member: id(e.user_id),
          tag: e.tags?.length ? e.tags.map(String) : [null],
          day: [d.day],
          week: [weekOf(d.day)],
          month: [`${d.day.slice(0, 7)}-01`],
        },
      });
    }
  }
  return parts;
}

/** Half away from zero, to the cent, of Σ seconds × cents / 3600 / 100 (numeric in SQL: exact here in integers). */
const toCents = (sum: bigint) => Number((sum * 2n + 3600n) / 7200n) / 100;

/** One aggregation by `keys`, rounded at this level as rounding.ts says. */
function aggregate(parts: Part[], keys: GroupKey[], r: Rounding): Map<string, Figures> {
  const perEntry = r.mode !== "none" && r.scope === "entry";
  const groups = new Map<string, Map<number, Part[]>>();
  for (const p of parts) {
    let combos: (string | null)[][] = [[]];
    for (const k of keys) combos = combos.flatMap((c) => p.keys[k].map((v) => [...c, v]));
    for (const c of combos) {
      const g = JSON.stringify(c);
      if (!groups.has(g)) groups.set(g, new Map());
      const byEntry = groups.get(g)!;
      byEntry.set(p.entry, [...(byEntry.get(p.entry) ?? []), p]);
    }
  }
  const out = new Map<string, Figures>();
  for (const [g, byEntry] of groups) {
    let seconds = 0, billable = 0, rounded = 0, roundedBillable = 0, priced = false;
    let amount = 0n, roundedAmount = 0n;
    for (const ps of byEntry.values()) {
      const s = ps.reduce((a, p) => a + p.seconds, 0);
      const { billable: b, rate } = ps[0];
      seconds += s;
      if (rate !== null) priced = true;
      if (!b) {
        if (perEntry) rounded += roundedSeconds(r, s);
        continue;
      }
      billable += s;
      if (rate !== null) amount += BigInt(s) * BigInt(rate);
      if (perEntry) {
        const rs = roundedSeconds(r, s);
        rounded += rs;
        roundedBillable += rs;
        if (rate !== null) roundedAmount += BigInt(rs) * BigInt(rate);
      }
    }
    const f: Figures = { entries: byEntry.size, seconds, billable_seconds: billable, rounded_seconds: 0, rounded_billable_seconds: 0, amount: priced ? toCents(amount) : null, rounded_amount: null };
    if (perEntry) Object.assign(f, { rounded_seconds: rounded, rounded_billable_seconds: roundedBillable, rounded_amount: priced ? toCents(roundedAmount) : null });
    else {
      const rb = roundedSeconds(r, billable);
      // Per group the rounded amount keeps the group's mean rate (compared to the cent below).
      const ra = f.amount === null ? null : billable === 0 || r.mode === "none" ? f.amount : Number(amount * BigInt(rb)) / billable / 360000;
      Object.assign(f, { rounded_seconds: roundedSeconds(r, seconds), rounded_billable_seconds: rb, rounded_amount: ra === null ? null : Math.round(ra * 100) / 100 });
    }
    out.set(g, f);
  }
  return out;
}

const add = (rows: Figures[]): Omit<Figures, "entries"> => {
  const sum = (k: keyof Figures) => rows.reduce((a, r) => a + ((r[k] as number | null) ?? 0), 0);
  const money = (k: "amount" | "rounded_amount") => (rows.some((r) => r[k] !== null) ? Math.round(sum(k) * 100) / 100 : null);
  return { seconds: sum("seconds"), billable_seconds: sum("billable_seconds"), rounded_seconds: sum("rounded_seconds"), rounded_billable_seconds: sum("rounded_billable_seconds"), amount: money("amount"), rounded_amount: money("rounded_amount") };
};

/** The report's levels, as grouped-sql.ts builds them: leaves, subtotals and totals. */
function reference(parts: Part[], keys: GroupKey[], r: Rounding) {
  const leaves = aggregate(parts, keys, r);
  const distinct = (pred: (p: Part) => boolean) => new Set(parts.filter(pred).map((p) => p.entry)).size;
  const totals = keys.includes("tag")
    ? { ...add([...aggregate(parts, keys.filter((k) => k !== "tag"), r).values()]), entries: distinct(() => true) }
    : { ...add([...leaves.values()]), entries: distinct(() => true) };
  const level1 = new Map<string, Figures>();
  if (keys.length === 2) {
    const firsts = new Set([...leaves.keys()].map((g) => JSON.stringify([JSON.parse(g)[0]])));
    const byK1 = keys[1] === "tag" ? aggregate(parts, [keys[0]], r) : null;
    for (const g of firsts) {
      const k1 = JSON.parse(g)[0];
      const entries = distinct((p) => p.keys[keys[0]].includes(k1));
      level1.set(g, byK1 ? { ...byK1.get(g)!, entries } : { ...add([...leaves].filter(([k]) => JSON.parse(k)[0] === k1).map(([, f]) => f)), entries });
    }
  }
  return { leaves, level1, totals };
}

const figures = (g: Figures) => ({ entries: g.entries, seconds: g.seconds, billable_seconds: g.billable_seconds, rounded_seconds: g.rounded_seconds, rounded_billable_seconds: g.rounded_billable_seconds, amount: g.amount, rounded_amount: g.rounded_amount });

describe("the grouped report against a reference computed from the raw entries", () => {
  const roundings: Rounding[] = [
    { mode: "up", minutes: 15, scope: "entry" },
    { mode: "nearest", minutes: 6, scope: "group" },
    { mode: "none", minutes: 1, scope: "entry" },
    { mode: "down", minutes: 5, scope: "entry" },
  ];
  const combos: GroupKey[][] = [...GROUP_KEYS.map((k) => [k]), ...GROUP_KEYS.flatMap((a) => GROUP_KEYS.filter((b) => b !== a).map((b) => [a, b]))];

  for (const [start, end] of [
    ["2026-03-25", "2026-04-03"],
    ["2026-10-20", "2026-10-31"],
  ] as const) {
    it(`every grouping of ${start}..${end}, in four roundings`, async () => {
      const parts = await referenceParts(start, addDay(end));
      let i = 0;
      for (const keys of combos) {
        const r = roundings[i++ % roundings.length];
        const q = parseOrThrow(groupedReportQuery, { start_date: start, end_date: end, group_by: keys.join(","), rounding: r.mode, rounding_minutes: r.minutes, rounding_scope: r.scope });
        const got = await groupedReport(t.db, owner, q, NOW);
        const want = reference(parts, keys, r);
        const label = `${keys.join(",")} ${r.mode}/${r.minutes}/${r.scope}`;
        // Per group, the rounded amount is numeric's quotient in SQL, a float here: compared to a cent apart.
        const approx = r.scope === "group" && r.mode !== "none";
        const loose = (f: ReturnType<typeof figures>) => (approx ? { ...f, rounded_amount: null } : f);
        const near = (a: number | null, b: number | null, what: string) => {
          if (!approx) return;
          expect(a === null, what).toBe(b === null);
          if (a !== null && b !== null) expect(Math.abs(a - b), what).toBeLessThanOrEqual(0.0100001);
        };
        near(got.totals.rounded_amount, want.totals.rounded_amount, `${label} totals rounded_amount`);
        expect(loose(figures(got.totals)), `${label} totals`).toEqual(loose(figures(want.totals as Figures)));
        const leaves = keys.length === 1 ? got.groups.map((g) => [[g.key], g] as const) : got.groups.flatMap((g) => g.groups!.map((c) => [[g.key, c.key], c] as const));
        expect(leaves.length, `${label} leaves`).toBe(want.leaves.size);
        for (const [k, g] of leaves) {
          const w = want.leaves.get(JSON.stringify(k))!;
          expect(loose(figures(g)), `${label} ${JSON.stringify(k)}`).toEqual(loose(w));
          near(g.rounded_amount, w.rounded_amount, `${label} ${JSON.stringify(k)} rounded_amount`);
        }
        if (keys.length === 2) {
          for (const g of got.groups) expect(loose(figures(g)), `${label} ${g.key}`).toEqual(loose(want.level1.get(JSON.stringify([g.key]))!));
        }
      }
    });
  }
});

function addDay(date: string) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
