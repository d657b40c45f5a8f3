import { desc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { timeEntries } from "@/db/schema";
import { isEmbedded } from "@/db";
import { createTestDb, type TestDb } from "@/db/testing";
import { createClient } from "@/lib/clients/service";
import { createEntry, updateEntry } from "@/lib/entries/service";
import { selectEntries } from "@/lib/entries/queries";
import { serializeEntry } from "@/lib/entries/serialize";
import { createProject } from "@/lib/projects/service";
import { createTask } from "@/lib/tasks/service";
import { memberIn } from "@/lib/testing/members";
import { makeUser } from "@/lib/testing/users";
import { toHours } from "@/lib/time/format";
import { periodOf } from "@/lib/time/period";
import type { MemberActor } from "@/lib/workspaces/actor";
import { PERIOD_SESSIONS_CAP, periodReport, periodReportRowsJson, type PeriodRowsReport } from "./period";
import { expandSessionRows } from "./period-rows";
import { packedPeriodSessions, plainRows, rowsAsJson } from "./period-sessions";
import { summaryReport } from "./summary";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.cleanup());

const H = 3600;
// Straight into the table: the long entry is longer than the maximum a new entry may have, as entries
// saved before that rule can be.
async function insert(member: MemberActor, start: string, end: string | null, more: { projectId?: number; billable?: boolean; description?: string } = {}) {
  const [row] = await t.db
    .insert(timeEntries)
    .values({ workspaceId: member.workspaceId, userId: member.userId, startAt: new Date(start), endAt: end ? new Date(end) : null, description: more.description ?? "x", projectId: more.projectId, billable: more.billable ?? false })
    .returning({ id: timeEntries.id });
  return row.id;
}

describe("the Overview's one request (periodReport)", () => {
  it("agrees with the summary report per month, per project and per day on a month with a DST change, a session across midnight and one longer than a day starting before it", async () => {
    const user = await makeUser(t.db, { timezone: "Europe/Berlin", weekStart: 1 });
    const web = await createProject(t.db, user, { name: "Website", billable: true });
    const ops = await createProject(t.db, user, { name: "Ops", billable: false });
    const ids = {
      // Fri 27 Feb 21:00 Berlin until Mon 2 Mar 07:00: 2 days and 10 hours, 31 of them in March.
      long: await insert(user, "2026-02-27T20:00:00Z", "2026-03-02T06:00:00Z", { projectId: ops.id, description: "long" }),
      // Tue 10 Mar 23:30 Berlin until Wed 11 Mar 02:15: 30 minutes on Tuesday, 2h 15m on Wednesday.
      night: await insert(user, "2026-03-10T22:30:00Z", "2026-03-11T01:15:00Z", { projectId: web.id, billable: true, description: "night" }),
      // Sun 29 Mar 00:00 Berlin until 05:00 CEST: the clocks go forward at 02:00, so 4 hours.
      dst: await insert(user, "2026-03-28T23:00:00Z", "2026-03-29T03:00:00Z", { projectId: web.id, billable: true, description: "dst" }),
      plain: await insert(user, "2026-03-16T08:00:00Z", "2026-03-16T09:20:00Z", { description: "plain" }),
      // Tue 31 Mar 23:00 Berlin until Wed 1 Apr 01:00: one hour in March.
      last: await insert(user, "2026-03-31T21:00:00Z", "2026-03-31T23:00:00Z", { projectId: web.id, billable: true, description: "last" }),
    };
    await insert(user, "2026-02-20T08:00:00Z", "2026-02-20T09:00:00Z", { description: "february" });
    await insert(user, "2026-04-01T08:00:00Z", "2026-04-01T09:00:00Z", { description: "april" });
    const other = await makeUser(t.db, { timezone: "Europe/Berlin" });
    await insert(other, "2026-03-16T08:00:00Z", "2026-03-16T09:00:00Z", { description: "theirs" });

    const march = periodOf("month", "2026-03-01", user.timezone, 1);
    const now = new Date("2026-04-02T12:00:00Z");
    const report = await periodReport(t.db, user, march, { now });
    const summary = await summaryReport(t.db, user, { start_date: "2026-03-01", end_date: "2026-03-31" }, now);

    expect(report.total_seconds).toBe((31 + 0.5 + 2.25 + 4 + 1 + 4 / 3) * H);
    expect([toHours(report.total_seconds), toHours(report.billable_seconds), report.entries]).toEqual([summary.total_hours, summary.billable_hours, summary.total_entries]);
    expect(report.projects.map((p) => [p.project_id, toHours(p.seconds), toHours(p.billable_seconds)])).toEqual(summary.by_project.map((p) => [p.project_id, p.hours, p.billable_hours]));
    // Each day as the summary of that day alone counts it.
    expect(report.days).toHaveLength(31);
    for (const day of report.days) {
      const one = await summaryReport(t.db, user, { start_date: day.date, end_date: day.date }, now);
      expect([day.date, toHours(day.seconds), toHours(day.billable_seconds)]).toEqual([day.date, one.total_hours, one.billable_hours]);
    }
    expect(report.days.slice(0, 2).map((d) => d.seconds / H)).toEqual([24, 7]);
    expect(report.days.slice(9, 11).map((d) => d.seconds / H)).toEqual([0.5, 2.25]);
    expect(report.days[28].seconds / H).toBe(4);

    // The sessions: every one overlapping March, the long one from February too, newest first, in the API's shape.
    expect(report.sessions.map((s) => s.id)).toEqual([ids.last, ids.dst, ids.plain, ids.night, ids.long]);
    expect(report.sessions).toHaveLength(report.entries);
    expect(report.sessions_capped).toBe(false);
    expect(report.sessions[4]).toMatchObject({ notes: "long", project: "Ops", start_time: "2026-02-27T20:00:00.000Z", duration_seconds: 58 * H, is_active: false });
  });

  it("lists each session exactly as the entries API serializes it: names, tags, instants to the millisecond (microseconds truncated), running", async () => {
    const user = await makeUser(t.db, { timezone: "Europe/Berlin" });
    const client = await createClient(t.db, user, { name: "Acme" });
    const web = await createProject(t.db, user, { name: "Website", client_id: client.id, color: "#112233" });
    const task = await createTask(t.db, user, { project_id: web.id, name: "Design" });
    const now = new Date("2026-07-10T12:00:00.250Z");
    await createEntry(t.db, user, { project_id: web.id, task_id: task.id, tags: ["zeta", "Alpha", "beta"], billable: true, notes: 'tagged "quoted" \\ back\nslash ✓', start_time: "2026-07-06T08:00:00Z", end_time: "2026-07-06T09:30:00Z" }, { now });
    const plain = await createEntry(t.db, user, { notes: "plain", tags: ["old"], start_time: "2026-07-07T08:00:00Z", end_time: "2026-07-07T08:10:00Z" }, { now });
    // Tags changed after the entry was saved: the list reads the entry's own copy of its tag ids.
    await updateEntry(t.db, user, plain.entry.id, { tags: ["Ünter", "middle"] }, { now });
    // Sub-millisecond instants (a timer started and stopped by now()): 0.4996 s, listed as .499 and 1 s long.
    await t.db.execute(sql`insert into time_entries (workspace_id, user_id, start_at, end_at, description, source)
      values (${user.workspaceId}, ${user.id}, '2026-07-08T08:00:00.000700Z', '2026-07-08T08:00:01.499600Z', 'micro', 'api'),
             (${user.workspaceId}, ${user.id}, '2026-07-08T09:00:00.999999Z', '2026-07-08T09:00:59.999500Z', 'edge', 'api')`);
    await insert(user, "2026-07-10T11:00:00.123Z", null, { description: "running" });
    const report = await periodReport(t.db, user, periodOf("week", "2026-07-06", user.timezone, 1), { now });
    const rows = await selectEntries(t.db).where(eq(timeEntries.userId, user.id)).orderBy(desc(timeEntries.startAt), desc(timeEntries.id));
    expect(report.sessions).toEqual(rows.map((row) => serializeEntry(row, now)));
    expect(report.sessions.map((s) => [s.notes, s.start_time, s.duration_seconds, s.tags, s.client, s.task])).toEqual([
      ["running", "2026-07-10T11:00:00.123Z", 3600, "", null, null],
      ["edge", "2026-07-08T09:00:00.999Z", 59, "", null, null],
      ["micro", "2026-07-08T08:00:00.000Z", 1, "", null, null],
      ["plain", "2026-07-07T08:00:00.000Z", 600, "middle,Ünter", null, null],
      ['tagged "quoted" \\ back\nslash ✓', "2026-07-06T08:00:00.000Z", 5400, "Alpha,beta,zeta", "Acme", "Design"],
    ]);

    // As rows (shape=rows, the Overview's): the same totals, and rows the browser's code expands to the same
    // sessions; the JSON text is whole (on PostgreSQL it is passed on as the database wrote it).
    const { report: asRows } = JSON.parse(await periodReportRowsJson(t.db, user, periodOf("week", "2026-07-06", user.timezone, 1), { now })) as { report: PeriodRowsReport };
    const { session_rows, ...rowTotals } = asRows;
    const { sessions, ...totals } = report;
    expect(rowTotals).toEqual(totals);
    expect(expandSessionRows(session_rows, now.getTime())).toEqual(sessions);
    // Each tag named once (in the database's order of lower-case names, which the expansion follows).
    expect(session_rows.tags.map(([, name]) => name.normalize("NFC")).sort()).toEqual(["Alpha", "beta", "middle", "zeta", "Ünter"].map((n) => n.normalize("NFC")).sort());
    expect([session_rows.user, session_rows.projects, session_rows.tasks]).toEqual([user.name, [[web.id, "Website", "#112233", client.id, "Acme"]], [[task.id, "Design"]]]);
  });

  it("counts and lists a running session up to now, as the summary does", async () => {
    const user = await makeUser(t.db, { timezone: "UTC" });
    const running = await insert(user, "2026-05-04T08:00:00Z", null, { description: "running" });
    const now = new Date("2026-05-04T10:30:00Z");
    const report = await periodReport(t.db, user, periodOf("week", "2026-05-04", "UTC", 1), { now });
    const summary = await summaryReport(t.db, user, { start_date: "2026-05-04", end_date: "2026-05-10" }, now);
    expect([toHours(report.total_seconds), report.entries]).toEqual([summary.total_hours, summary.total_entries]);
    expect(report.running?.id).toBe(running);
    expect(report.sessions.map((s) => [s.id, s.is_active, s.duration_seconds])).toEqual([[running, true, 2.5 * H]]);
  });

  it("sends the rows in the form that costs the scarce thread least (PGlite plain rows, PostgreSQL one JSON text); both forms hold the same rows and ids, capped alike", async () => {
    const user = await makeUser(t.db, { timezone: "UTC" });
    const web = await createProject(t.db, user, { name: "Website" });
    const now = new Date("2026-07-10T12:00:00Z");
    await createEntry(t.db, user, { project_id: web.id, tags: ["b", "a"], notes: 'q "x" ✓', start_time: "2026-07-06T08:00:00.000700Z", end_time: "2026-07-06T09:30:00.999999Z" }, { now });
    await createEntry(t.db, user, { notes: "", start_time: "2026-07-07T08:00:00Z", end_time: "2026-07-07T08:10:00Z" }, { now });
    await insert(user, "2026-07-10T11:00:00Z", null, { projectId: web.id });
    const embedded = t.kind === "pglite";
    expect(isEmbedded(t.db)).toBe(embedded);
    expect(await t.db.transaction(async (tx) => isEmbedded(tx))).toBe(embedded);
    for (const limit of [10, 2]) {
      const range = { workspaceId: user.workspaceId, userId: user.id, from: sql`'2026-07-06T00:00:00Z'::timestamptz`, to: sql`'2026-07-13T00:00:00Z'::timestamptz`, now, limit };
      const packed = await packedPeriodSessions(t.db, range);
      expect(typeof packed.rows).toBe(embedded ? "object" : "string");
      const [rows, json] = await Promise.all([plainRows(t.db, range), rowsAsJson(t.db, range)]);
      expect(JSON.parse(json.rows as string)).toEqual(rows.rows);
      expect((rows.rows as unknown[]).length).toBe(Math.min(limit, 3));
      expect([json.capped, rows.capped]).toEqual([limit < 3, limit < 3]);
      const ids = (f: typeof rows) => [f.projectIds, f.taskIds, f.tagIds].map((list) => [...list].sort((a, b) => a - b));
      if (limit > 3) expect(ids(json)).toEqual(ids(rows));
    }
  });

  it("answers another member's period to a manager, in the manager's zone; refuses a member; does not know a stranger", async () => {
    const owner = await makeUser(t.db, { timezone: "UTC" });
    const worker = await makeUser(t.db, { timezone: "UTC" });
    const manager = await makeUser(t.db, { timezone: "Asia/Tokyo" });
    const workerThere = await memberIn(t.db, owner.workspaceId, worker.id, "member");
    const managerThere = await memberIn(t.db, owner.workspaceId, manager.id, "manager");
    // Mon 1 Jun 20:00 UTC is Tue 2 Jun 05:00 in Tokyo.
    const id = await insert(workerThere, "2026-06-01T20:00:00Z", "2026-06-01T21:00:00Z", { description: "theirs" });
    await insert(worker, "2026-06-01T22:00:00Z", "2026-06-01T23:00:00Z", { description: "in their own workspace" });

    const tuesday = await periodReport(t.db, managerThere, periodOf("day", "2026-06-02", "Asia/Tokyo", 1), { userId: worker.id });
    expect([tuesday.timezone, tuesday.total_seconds, tuesday.sessions.map((s) => [s.id, s.user_id])]).toEqual(["Asia/Tokyo", H, [[id, worker.id]]]);

    const refused = await periodReport(t.db, workerThere, periodOf("day", "2026-06-02", "UTC", 1), { userId: manager.id }).catch((e) => e);
    expect(refused.code).toBe("forbidden");
    const stranger = await makeUser(t.db);
    const unknown = await periodReport(t.db, managerThere, periodOf("day", "2026-06-02", "UTC", 1), { userId: stranger.id }).catch((e) => e);
    expect(unknown.code).toBe("not_found");
  });

  it(`returns at most ${PERIOD_SESSIONS_CAP} sessions, the newest, says so, and still totals them all`, async () => {
    const user = await makeUser(t.db, { timezone: "UTC" });
    const n = PERIOD_SESSIONS_CAP + 3;
    // n sessions of 10 seconds, one every 15 seconds from 00:00 on 3 June.
    await t.db.execute(sql`
      insert into time_entries (workspace_id, user_id, start_at, end_at, description)
      select ${user.workspaceId}, ${user.id}, s, s + interval '10 seconds', 'many'
      from generate_series('2026-06-03T00:00:00Z'::timestamptz, '2026-06-03T00:00:00Z'::timestamptz + (${n - 1} * interval '15 seconds'), interval '15 seconds') s`);
    const report = await periodReport(t.db, user, periodOf("day", "2026-06-03", "UTC", 1));
    expect([report.entries, report.total_seconds, report.sessions.length, report.sessions_capped]).toEqual([n, 10 * n, PERIOD_SESSIONS_CAP, true]);
    expect(report.sessions[0].start_time).toBe(new Date(Date.parse("2026-06-03T00:00:00Z") + (n - 1) * 15_000).toISOString());
    const { report: asRows } = JSON.parse(await periodReportRowsJson(t.db, user, periodOf("day", "2026-06-03", "UTC", 1))) as { report: PeriodRowsReport };
    expect([asRows.entries, asRows.session_rows.rows.length, asRows.sessions_capped, asRows.session_rows.rows[0][0]]).toEqual([n, PERIOD_SESSIONS_CAP, true, report.sessions[0].id]);
  });

  it("the Overview's first screen (firstRows): the same totals, the period's oldest sessions (one from before its first midnight too) with their own tags", async () => {
    const user = await makeUser(t.db, { timezone: "UTC" });
    const now = new Date("2026-08-20T12:00:00Z");
    // Across the month's first midnight (listed on its first day), then one a day, every other one tagged.
    await createEntry(t.db, user, { notes: "from July", tags: ["night"], start_time: "2026-07-31T23:00:00Z", end_time: "2026-08-01T01:00:00Z" }, { now });
    for (let d = 3; d <= 7; d++) {
      await createEntry(t.db, user, { notes: `day ${d}`, ...(d % 2 ? { tags: [`t${d}`, "common"] } : {}), start_time: `2026-08-0${d}T09:00:00Z`, end_time: `2026-08-0${d}T10:00:00Z` }, { now });
    }
    const august = periodOf("month", "2026-08-01", "UTC", 1);
    const full = await periodReport(t.db, user, august, { now });
    const first = await periodReport(t.db, user, august, { now, firstRows: 3 });
    const { sessions: firstSessions, ...firstTotals } = first;
    const { sessions: allSessions, ...allTotals } = full;
    expect(firstTotals).toEqual(allTotals);
    expect(full.entries).toBe(6);
    // The oldest three, as the whole answer lists them (that one newest first).
    expect(firstSessions).toEqual(allSessions.slice(-3).reverse());
    expect(firstSessions.map((e) => [e.notes, e.tags])).toEqual([
      ["from July", "night"],
      ["day 3", "common,t3"],
      ["day 4", ""],
    ]);
  });
});
