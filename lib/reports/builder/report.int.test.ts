import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/db/testing";
import { createClient } from "@/lib/clients/service";
import { createEntry } from "@/lib/entries/service";
import { parseOrThrow } from "@/lib/errors";
import { createProject } from "@/lib/projects/service";
import { listTags } from "@/lib/tags/service";
import { memberIn } from "@/lib/testing/members";
import { makeUser, type TestUser } from "@/lib/testing/users";
import { updateMember } from "@/lib/workspaces/members";
import { updateWorkspace } from "@/lib/workspaces/service";
import type { MemberActor } from "@/lib/workspaces/actor";
import { detailedReport, reportEntries } from "./detailed";
import { groupedReport } from "./grouped";
import { detailedReportQuery, groupedReportQuery, type DetailedReportInput, type GroupedReportInput } from "./query-schema";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.cleanup());

const grouped = (actor: MemberActor, q: GroupedReportInput, now?: Date) => groupedReport(t.db, actor, parseOrThrow(groupedReportQuery, q), now);
const detailed = (actor: MemberActor, q: DetailedReportInput) => detailedReport(t.db, actor, parseOrThrow(detailedReportQuery, q));
const march = { start_date: "2026-03-01", end_date: "2026-03-31" } as const;

/** A workspace with an owner (UTC) and two members, each acting through a browser session. */
async function team(tz = "UTC") {
  const owner = await makeUser(t.db, { timezone: tz });
  const u1 = await makeUser(t.db, { timezone: tz });
  const u2 = await makeUser(t.db, { timezone: tz });
  const m1 = await memberIn(t.db, owner.workspaceId, u1.id, "member");
  const m2 = await memberIn(t.db, owner.workspaceId, u2.id, "member");
  return { owner, m1, m2, u1, u2 };
}

describe("rates: member-on-project > project > client > member > workspace default", () => {
  it("prices each entry at the first rate set, in numeric, to the cent", async () => {
    const { owner, m1, m2, u1, u2 } = await team();
    await updateWorkspace(t.db, owner, { default_hourly_rate: 10 });
    await updateMember(t.db, owner, u2.id, { hourly_rate: 20 });
    const client = await createClient(t.db, owner, { name: "Acme", hourly_rate: 30 });
    const rated = await createProject(t.db, owner, { name: "Rated", client_id: client.id, hourly_rate: 40, member_rates: [{ user_id: u1.id, hourly_rate: 47.33 }] });
    const viaClient = await createProject(t.db, owner, { name: "Via client", client_id: client.id });
    const bare = await createProject(t.db, owner, { name: "Bare" });
    expect(rated.memberRates).toEqual([{ user_id: u1.id, hourly_rate: 47.33 }]);
    // 1 h 7 min 13 s = 4033 s each: 4033 × 47.33 / 3600 = 53.022... -> 53.02
    const book = (who: MemberActor, project: number, day: string) =>
      createEntry(t.db, who, { notes: `on ${day}`, project_id: project, billable: true, start_time: `2026-03-${day}T09:00:00`, end_time: `2026-03-${day}T10:07:13` });
    await book(m1, rated.id, "02"); // member on project: 47.33
    await book(m2, rated.id, "03"); // project: 40
    await book(m1, viaClient.id, "04"); // client: 30
    await book(m2, bare.id, "05"); // member: 20
    await book(m1, bare.id, "06"); // workspace default: 10
    await createEntry(t.db, m1, { notes: "not billable", project_id: rated.id, billable: false, start_time: "2026-03-07T09:00", end_time: "2026-03-07T10:00" });

    const d = await detailed(owner, march);
    expect(d.entries.map((e) => [e.description, e.hourly_rate, e.amount])).toEqual([
      ["on 02", 47.33, 53.02],
      ["on 03", 40, 44.81], // 4033 × 40 / 3600 = 44.811
      ["on 04", 30, 33.61], // 33.608
      ["on 05", 20, 22.41], // 22.405 -> half away from zero
      ["on 06", 10, 11.2], // 11.2027
      ["not billable", 47.33, 0],
    ]);
    const r = await grouped(owner, { ...march, group_by: "project,member" });
    const byProject = Object.fromEntries(r.groups.map((g) => [g.name, g.amount]));
    // Each member row to the cent; the project adds its rows' cents.
    expect(byProject).toEqual({ Rated: 97.83, "Via client": 33.61, Bare: 33.61 });
    expect(r.groups.find((g) => g.name === "Rated")!.groups!.map((g) => [g.id, g.amount, g.seconds, g.billable_seconds])).toEqual([
      [u1.id, 53.02, 4033 + 3600, 4033],
      [u2.id, 44.81, 4033, 4033],
    ]);
    // 5 × 4033 s billable, priced exactly: 4033 × (47.33 + 40 + 30 + 20 + 10) / 3600 = 165.0166 -> the rows' cents add to 165.05
    expect([r.totals.amount, r.totals.billable_seconds, r.totals.seconds, r.totals.entries, r.currency]).toEqual([165.05, 5 * 4033, 5 * 4033 + 3600, 6, "EUR"]);
  });

  it("has no amount without any rate", async () => {
    const owner = await makeUser(t.db);
    await createEntry(t.db, owner, { notes: "x", billable: true, start_time: "2026-03-02T09:00", end_time: "2026-03-02T10:00" });
    const r = await grouped(owner, { ...march, group_by: "project" });
    expect([r.groups[0].name, r.groups[0].amount, r.totals.amount]).toEqual(["No project", null, null]);
  });
});

describe("rounding", () => {
  async function minutes(owner: TestUser, entries: [string, string, string][]) {
    const p = await createProject(t.db, owner, { name: `R ${Math.random()}`, hourly_rate: 60 });
    for (const [day, from, to] of entries) await createEntry(t.db, owner, { notes: "r", project_id: p.id, billable: true, start_time: `2026-03-${day}T${from}`, end_time: `2026-03-${day}T${to}` });
    return p;
  }

  it("per entry: each entry in a group is rounded; subtotals and totals add them, never rounded again", async () => {
    const owner = await makeUser(t.db);
    await minutes(owner, [["02", "09:00", "09:07"], ["02", "10:00", "10:08"], ["03", "09:00", "09:20"]]);
    const r = await grouped(owner, { ...march, group_by: "project,day", rounding: "up", rounding_minutes: 15, rounding_scope: "entry" });
    const p = r.groups[0];
    expect(p.groups!.map((g) => [g.key, g.seconds, g.rounded_seconds, g.rounded_amount])).toEqual([
      ["2026-03-02", 15 * 60, 30 * 60, 30],
      ["2026-03-03", 20 * 60, 30 * 60, 30],
    ]);
    expect([p.seconds, p.rounded_seconds, r.totals.rounded_seconds, r.totals.seconds, p.amount, p.rounded_amount]).toEqual([35 * 60, 60 * 60, 60 * 60, 35 * 60, 35, 60]);
    // The detailed rows carry the same per-entry rounding.
    const d = await detailed(owner, { ...march, rounding: "up", rounding_minutes: 15 });
    expect(d.entries.map((e) => [e.seconds, e.rounded_seconds])).toEqual([[420, 900], [480, 900], [1200, 1800]]);
  });

  it("per group: each finest group is rounded once from its raw sum; the project adds its rounded days", async () => {
    const owner = await makeUser(t.db);
    await minutes(owner, [["02", "09:00", "09:07"], ["02", "10:00", "10:08"], ["03", "09:00", "09:20"]]);
    const r = await grouped(owner, { ...march, group_by: "project,day", rounding: "up", rounding_minutes: 15, rounding_scope: "group" });
    const p = r.groups[0];
    expect(p.groups!.map((g) => [g.key, g.rounded_seconds])).toEqual([
      ["2026-03-02", 15 * 60], // 15 min stays 15
      ["2026-03-03", 30 * 60],
    ]);
    // 45 min: the sum of the rounded days; rounding the raw 35 min again would say 45 too, so check "nearest 30"
    expect([p.rounded_seconds, r.totals.rounded_seconds]).toEqual([45 * 60, 45 * 60]);
    const n = await grouped(owner, { ...march, group_by: "project,day", rounding: "nearest", rounding_minutes: 30, rounding_scope: "group" });
    // days: 15 min -> 30 (half up), 20 min -> 30; the project is 60, not round(35 min) = 30 nor round(60) twice
    expect([n.groups[0].groups!.map((g) => g.rounded_seconds), n.groups[0].rounded_seconds, n.totals.rounded_seconds]).toEqual([[1800, 1800], 3600, 3600]);
    const flat = await grouped(owner, { ...march, group_by: "project", rounding: "nearest", rounding_minutes: 30, rounding_scope: "group" });
    expect([flat.groups[0].seconds, flat.groups[0].rounded_seconds, flat.groups[0].rounded_amount]).toEqual([35 * 60, 30 * 60, 30]);
    const d = await detailed(owner, { ...march, rounding: "nearest", rounding_minutes: 30, rounding_scope: "group" });
    expect(d.entries.map((e) => e.rounded_seconds)).toEqual([null, null, null]);
  });

  it("takes the workspace's setting unless the report overrides it", async () => {
    const owner = await makeUser(t.db);
    await minutes(owner, [["02", "09:00", "09:07"]]);
    await updateWorkspace(t.db, owner, { rounding: "up", rounding_minutes: 6, rounding_scope: "entry" });
    const r = await grouped(owner, march);
    expect([r.rounding, r.totals.rounded_seconds]).toEqual([{ mode: "up", minutes: 6, scope: "entry" }, 720]);
    const none = await grouped(owner, { ...march, rounding: "none" });
    expect(none.totals.rounded_seconds).toBe(420);
  });
});

describe("filters and groups", () => {
  it("tags any/all, and a group by tag counts an entry under each tag but once in the totals", async () => {
    const owner = await makeUser(t.db);
    await createEntry(t.db, owner, { notes: "a", tags: ["alpha"], start_time: "2026-03-02T09:00", end_time: "2026-03-02T10:00" });
    await createEntry(t.db, owner, { notes: "b", tags: ["beta"], start_time: "2026-03-03T09:00", end_time: "2026-03-03T10:00" });
    await createEntry(t.db, owner, { notes: "ab", tags: ["alpha", "beta"], start_time: "2026-03-04T09:00", end_time: "2026-03-04T10:00" });
    await createEntry(t.db, owner, { notes: "none", start_time: "2026-03-05T09:00", end_time: "2026-03-05T10:00" });
    const tags = Object.fromEntries((await listTags(t.db, owner)).map((g) => [g.name, g.id]));
    const ids = `${tags.alpha},${tags.beta}`;
    const any = await detailed(owner, { ...march, tag_id: ids });
    const all = await detailed(owner, { ...march, tag_id: ids, tags: "all" });
    expect([any.entries.map((e) => e.description), all.entries.map((e) => e.description)]).toEqual([["a", "b", "ab"], ["ab"]]);
    const byTag = await grouped(owner, { ...march, group_by: "tag" });
    expect(byTag.groups.map((g) => [g.name, g.seconds, g.entries])).toEqual([
      ["alpha", 7200, 2],
      ["beta", 7200, 2],
      ["No tag", 3600, 1],
    ]);
    expect([byTag.totals.seconds, byTag.totals.entries]).toEqual([4 * 3600, 4]);
    const desc = await detailed(owner, { ...march, description: "N", has_project: false });
    expect(desc.entries.map((e) => e.description)).toEqual(["none"]);
  });

  it("splits an entry across local midnight, and a DST day has its real hours (Europe/Berlin)", async () => {
    const owner = await makeUser(t.db, { timezone: "Europe/Berlin" });
    // Clocks go from 02:00 to 03:00 on 2026-03-29: 23:00 to 04:00 local is 1 h on the 28th and 3 h on the 29th.
    await createEntry(t.db, owner, { notes: "night", start_time: "2026-03-28T23:00", end_time: "2026-03-29T04:00" });
    // Across the range's end: only its part inside counts.
    await createEntry(t.db, owner, { notes: "edge", start_time: "2026-03-31T23:30", end_time: "2026-04-01T00:30" });
    const r = await grouped(owner, { ...march, group_by: "day" });
    expect(r.groups.map((g) => [g.key, g.seconds, g.entries])).toEqual([
      ["2026-03-28", 3600, 1],
      ["2026-03-29", 3 * 3600, 1],
      ["2026-03-31", 1800, 1],
    ]);
    expect([r.totals.seconds, r.totals.entries]).toEqual([4 * 3600 + 1800, 2]);
    const byWeek = await grouped(owner, { ...march, group_by: "week,day" });
    // Monday weeks: the 28th and 29th are Saturday and Sunday of the week of the 23rd.
    expect(byWeek.groups.map((g) => [g.key, g.seconds, g.entries])).toEqual([
      ["2026-03-23", 4 * 3600, 1],
      ["2026-03-30", 1800, 1],
    ]);
    const d = await detailed(owner, march);
    expect(d.entries.map((e) => [e.description, e.seconds])).toEqual([["night", 4 * 3600], ["edge", 1800]]);
  });

  it("pages the detailed report by keyset, and the iterator reads every entry once", async () => {
    const owner = await makeUser(t.db);
    for (let i = 1; i <= 7; i++) await createEntry(t.db, owner, { notes: `e${i}`, start_time: `2026-03-0${i}T09:00`, end_time: `2026-03-0${i}T09:30` });
    const first = await detailed(owner, { ...march, per_page: 3 });
    const second = await detailed(owner, { ...march, per_page: 3, cursor: first.pagination.next_cursor! });
    const third = await detailed(owner, { ...march, per_page: 3, cursor: second.pagination.next_cursor! });
    expect([first, second, third].map((p) => p.entries.map((e) => e.description))).toEqual([["e1", "e2", "e3"], ["e4", "e5", "e6"], ["e7"]]);
    expect(third.pagination.next_cursor).toBeNull();
    const all: string[] = [];
    for await (const e of reportEntries(t.db, owner, parseOrThrow(groupedReportQuery, march), { batch: 2 })) all.push(e.description);
    expect(all).toEqual(["e1", "e2", "e3", "e4", "e5", "e6", "e7"]);
    await expect(detailed(owner, { ...march, cursor: "bm90LWEtY3Vyc29y" })).rejects.toMatchObject({ code: "validation_error" });
  });
});

describe("who may report on whom", () => {
  it("a member reports on their own time only; user_id of another is 403; a manager's stranger is 404", async () => {
    const { owner, m1, m2, u2 } = await team();
    await createEntry(t.db, m1, { notes: "mine", start_time: "2026-03-02T09:00", end_time: "2026-03-02T10:00" });
    await createEntry(t.db, m2, { notes: "theirs", start_time: "2026-03-02T09:00", end_time: "2026-03-02T11:00" });
    expect((await grouped(m1, march)).totals.seconds).toBe(3600);
    expect((await grouped(owner, march)).totals.seconds).toBe(3 * 3600);
    await expect(grouped(m1, { ...march, user_id: String(u2.id) })).rejects.toMatchObject({ code: "forbidden" });
    await expect(detailed(m1, { ...march, user_id: `${m1.userId},${u2.id}` })).rejects.toMatchObject({ code: "forbidden" });
    const stranger = await makeUser(t.db);
    await expect(grouped(owner, { ...march, user_id: String(stranger.id) })).rejects.toMatchObject({ code: "not_found" });
    expect((await grouped(owner, { ...march, user_id: String(u2.id), group_by: "member" })).groups.map((g) => [g.id, g.seconds])).toEqual([[u2.id, 7200]]);
    // A token without read:team reads only its own time, like a member.
    const token = { ...owner, via: "token" as const, scopes: ["read:reports"] };
    expect((await grouped(token, march)).totals.seconds).toBe(0);
    await expect(grouped(token, { ...march, user_id: String(u2.id) })).rejects.toMatchObject({ code: "insufficient_scope" });
    // Another workspace's project as a filter: 404, never its data.
    const other = await makeUser(t.db);
    const theirs = await createProject(t.db, other, { name: "Theirs" });
    await expect(grouped(owner, { ...march, project_id: String(theirs.id) })).rejects.toMatchObject({ code: "not_found" });
  });

  it("refuses bad input with field errors", () => {
    const bad = (q: Record<string, unknown>) => {
      const r = groupedReportQuery.safeParse(q);
      return r.success ? null : r.error.issues.map((i) => i.path.join("."));
    };
    expect(bad({ group_by: "project,project" })).toEqual(["group_by"]);
    expect(bad({ group_by: "project,tag,day" })).toEqual(["group_by"]);
    expect(bad({ group_by: "colour" })).toEqual(["group_by"]);
    expect(bad({ start_date: "2026-03-02" })).toEqual(["end_date"]);
    expect(bad({ range: "this_week", start_date: "2026-03-02" })).toEqual(["start_date"]);
    expect(bad({ start_date: "2026-03-02", end_date: "2026-03-01" })).toEqual(["end_date"]);
    expect(bad({ start_date: "2020-01-01", end_date: "2026-03-01" })).toEqual(["end_date"]);
    expect(bad({ rounding_minutes: "7" })).toEqual(["rounding_minutes"]);
    expect(bad({ project_id: "1,x" })).toEqual(["project_id"]);
    expect(bad({ tags: "some" })).toEqual(["tags"]);
    expect(bad({ range: "last_month", group_by: "client,week", rounding: "nearest", rounding_minutes: "6", user_id: "4,5", billable: "true" })).toBeNull();
  });
});

describe("entries the whole-number columns do not hold", () => {
  it("an entry saved before the length rule, decades long, counts the range's days as any entry across them", async () => {
    const { owner } = await team();
    // Longer than the columns of its end may say (db/schema.ts): the report computes it as a running one.
    await t.db.execute(sql`insert into time_entries (workspace_id, user_id, description, start_at, end_at, billable)
      values (${owner.workspaceId}, ${owner.userId}, 'legacy', '1950-01-01T00:00:00Z', '2010-06-01T00:00:00Z', true)`);
    const may = { start_date: "2010-05-01", end_date: "2010-05-31" } as const;
    const byDay = await grouped(owner, { ...may, group_by: "day" });
    expect(byDay.totals).toMatchObject({ seconds: 31 * 86_400, entries: 1 });
    expect(byDay.groups.map((g) => [g.key, g.seconds, g.entries])).toEqual(
      Array.from({ length: 31 }, (_, i) => [`2010-05-${String(i + 1).padStart(2, "0")}`, 86_400, 1]),
    );
    const byMonth = await grouped(owner, { ...may, group_by: "month" });
    expect(byMonth.groups.map((g) => [g.key, g.seconds, g.entries])).toEqual([["2010-05-01", 31 * 86_400, 1]]);
  });
});
