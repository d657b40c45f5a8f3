import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { createTestDb, type TestDb } from "@/db/testing";
import { createClient } from "@/lib/clients/service";
import { createEntry } from "@/lib/entries/service";
import { parseOrThrow } from "@/lib/errors";
import { groupedReport } from "@/lib/reports/builder/grouped";
import { groupedReportQuery, type GroupedReportInput } from "@/lib/reports/builder/query-schema";
import { memberIn } from "@/lib/testing/members";
import { makeUser } from "@/lib/testing/users";
import { startTimer, stopTimer } from "@/lib/timer/service";
import type { MemberActor } from "@/lib/workspaces/actor";
import { updateMember } from "@/lib/workspaces/members";
import { updateWorkspace } from "@/lib/workspaces/service";
import { createProject } from "./service";
import { projectStats, serializeProjectsWithStats, serializeProjectWithStats } from "./stats";

// One rate precedence for the project page, the project API and the report (lib/reports/builder/rates.ts):
// member on project > project > client > member > workspace default; and progress against estimate and budget.

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.cleanup());

// Berlin in March is UTC+1: local midnight of 11 March is 2026-03-10T23:00Z.
const NOW = new Date("2026-03-21T00:05:30.900Z");
const YEAR = { start_date: "2026-01-01", end_date: "2026-12-31" } as const;
const grouped = (actor: MemberActor, q: GroupedReportInput) => groupedReport(t.db, actor, parseOrThrow(groupedReportQuery, q), NOW);

async function workspace() {
  const owner = await makeUser(t.db, { timezone: "Europe/Berlin" });
  const [u1, u2, u3] = [await makeUser(t.db, { timezone: "Europe/Berlin" }), await makeUser(t.db, { timezone: "Europe/Berlin" }), await makeUser(t.db, { timezone: "Europe/Berlin" })];
  const [m1, m2, m3] = [await memberIn(t.db, owner.workspaceId, u1.id, "member"), await memberIn(t.db, owner.workspaceId, u2.id, "member"), await memberIn(t.db, owner.workspaceId, u3.id, "member")];
  await updateWorkspace(t.db, owner, { default_hourly_rate: 10 });
  await updateMember(t.db, owner, u2.id, { hourly_rate: 20 });
  const acme = await createClient(t.db, owner, { name: "Acme", hourly_rate: 30 });
  // A: member on project (u1 47.33) > project 40; over its estimate and budget.
  const a = await createProject(t.db, owner, { name: "A", client_id: acme.id, hourly_rate: 40, member_rates: [{ user_id: u1.id, hourly_rate: 47.33 }], estimated_hours: 5, budget_amount: 150 });
  // B: the client's 30 wins over u2's own 20; well inside its budget.
  const b = await createProject(t.db, owner, { name: "B", client_id: acme.id, budget_amount: 1000 });
  // C: no project or client rate: u3 on the project 55.55, u2's member rate 20, the default 10 for u1 and the owner.
  const c = await createProject(t.db, owner, { name: "C", member_rates: [{ user_id: u3.id, hourly_rate: 55.55 }] });
  const book = (who: MemberActor, project: number, day: string, billable = true, to = "10:07:13") =>
    createEntry(t.db, who, { notes: `${project} ${day}`, project_id: project, billable, start_time: `2026-03-${day}T09:00:00`, end_time: `2026-03-${day}T${to}` });
  await book(m1, a.id, "02"); // 4033 s × 47.33
  await book(m2, a.id, "03"); // 4033 s × 40
  await book(m3, a.id, "04", false, "10:00:00"); // 1 h, not billable
  // u1's timer across local midnight, to the millisecond: 2999.3 s + 4815.2 s, whole seconds per day (2999 + 4815
  // = 7814, as the report's day rule counts it; rounding the whole 7814.5 s would say 7815 and 200.58 below).
  await startTimer(t.db, m1, { notes: "late", project_id: a.id, billable: true }, { now: new Date("2026-03-10T22:10:00.700Z"), startAt: new Date("2026-03-10T22:10:00.700Z"), stopRunning: false });
  await stopTimer(t.db, m1, {}, new Date("2026-03-11T00:20:15.200Z"));
  // Both ends at exactly .5 s, across midnight: 0.5 s + 1.5 s, each part rounded half away from zero: 1 + 2 = 3 s (not 2).
  await startTimer(t.db, m1, { notes: "edge", project_id: b.id, billable: true }, { now: new Date("2026-03-15T22:59:59.500Z"), startAt: new Date("2026-03-15T22:59:59.500Z"), stopRunning: false });
  await stopTimer(t.db, m1, {}, new Date("2026-03-15T23:00:01.500Z"));
  await book(m2, b.id, "05"); // 4033 s × 30 (client)
  await book(m1, b.id, "06", true, "09:30:00"); // 1800 s × 30
  await book(m2, c.id, "09"); // × 20 (member)
  await book(m1, c.id, "10"); // × 10 (default)
  await book(m3, c.id, "11"); // × 55.55 (member on project)
  // The owner's timer, still running at NOW across midnight: 5130 whole seconds × 10 (default).
  await startTimer(t.db, owner, { notes: "now", project_id: c.id, billable: true }, { now: NOW, startAt: new Date("2026-03-20T22:40:00.250Z"), stopRunning: false });
  await createEntry(t.db, m1, { notes: "no project", billable: true, start_time: "2026-03-12T09:00", end_time: "2026-03-12T11:00" });
  return { owner, m1, m2, m3, a, b, c };
}

describe("a project's amount is the report's, by the one rate precedence", () => {
  it("gives the project page, the project API (one and the list) and a report on the project over all time the same amount to the cent", async () => {
    const { owner, m1, a, b, c } = await workspace();
    const list = await serializeProjectsWithStats(t.db, owner, [a, b, c].map((p) => ({ ...p, clientName: null })), NOW);
    // Hand-computed: A (11847 × 47.33 + 4033 × 40) / 3600 = 200.5663; B 5836 × 30 / 3600 = 48.6333;
    // C 4033 × (20 + 10 + 55.55) / 3600 + 5130 × 10 / 3600 = 110.0898.
    expect(list.map((p) => [p.name, p.billable_amount, p.tracked_seconds, p.billable_seconds, p.currency])).toEqual([
      ["A", 200.57, 4033 + 7814 + 4033 + 3600, 4033 + 7814 + 4033, "EUR"],
      ["B", 48.63, 5836, 5836, "EUR"],
      ["C", 110.09, 3 * 4033 + 5130, 3 * 4033 + 5130, "EUR"],
    ]);
    for (const p of list) {
      const one = await serializeProjectWithStats(t.db, owner, { ...p.id === a.id ? a : p.id === b.id ? b : c, clientName: null }, NOW);
      const report = await grouped(owner, { ...YEAR, project_id: String(p.id), group_by: "project" });
      expect(report.groups).toHaveLength(1);
      const g = report.groups[0];
      expect([one.billable_amount, one.tracked_seconds, one.billable_seconds]).toEqual([p.billable_amount, p.tracked_seconds, p.billable_seconds]);
      expect([g.amount, g.seconds, g.billable_seconds, report.currency]).toEqual([p.billable_amount, p.tracked_seconds, p.billable_seconds, p.currency]);
    }
    // The whole workspace's report by project: the same amounts, project by project.
    const all = await grouped(owner, { ...YEAR, group_by: "project" });
    expect(Object.fromEntries(all.groups.filter((g) => g.id !== null).map((g) => [g.name, g.amount]))).toEqual({ A: 200.57, B: 48.63, C: 110.09 });

    // A member sees their own time on the page and in the report: the same figures again.
    const mine = await serializeProjectsWithStats(t.db, m1, [a, b, c].map((p) => ({ ...p, clientName: null })), NOW);
    const myReport = await grouped(m1, { ...YEAR, group_by: "project" });
    for (const p of mine) expect(myReport.groups.find((g) => g.id === p.id)?.amount ?? null).toBe(p.billable_amount);
    expect(mine.find((p) => p.id === a.id)!.billable_amount).toBe(155.76); // 11847 × 47.33 / 3600 = 155.7551
  });

  it("computes the figures of any number of projects in one statement", async () => {
    const { owner, a, b, c } = await workspace();
    let statements = 0;
    const counting = new Proxy(t.db, {
      get(target, prop, receiver) {
        if (prop === "execute") statements++;
        return Reflect.get(target, prop, receiver);
      },
    }) as Db;
    await projectStats(counting, owner, [a.id], NOW); // the zone list is read once per handle: not counted below
    statements = 0;
    await projectStats(counting, owner, [a.id], NOW);
    const one = statements;
    statements = 0;
    const stats = await projectStats(counting, owner, [a.id, b.id, c.id], NOW);
    expect([one, statements, stats.size]).toEqual([1, 1, 3]);
  });
});

describe("budget and estimate progress (all time)", () => {
  it("shows what is spent of the budget, the share and what is left or over, in the API and in a report by project", async () => {
    const { owner, a, b, c } = await workspace();
    const [pa, pb, pc] = await serializeProjectsWithStats(t.db, owner, [a, b, c].map((p) => ({ ...p, clientName: null })), NOW);
    // A: 200.57 of 150 = 133.71 %, 50.57 over; 19480 s of 5 h = 108.22 %, 1480 s over.
    expect(pa).toMatchObject({ budget_amount: 150, budget_spent: 200.57, budget_progress: 1.3371, budget_remaining: -50.57, estimated_hours: 5, estimate_progress: 1.0822, estimate_remaining_seconds: -1480 });
    // B: 48.63 of 1000, 951.37 left; no estimate.
    expect(pb).toMatchObject({ budget_amount: 1000, budget_spent: 48.63, budget_progress: 0.0486, budget_remaining: 951.37, estimate_progress: null, estimate_remaining_seconds: null });
    expect(pc).toMatchObject({ budget_amount: null, budget_spent: null, budget_progress: null, budget_remaining: null });

    // The report's project groups carry the same all-time progress, whatever the range: one day of A here.
    const day = await grouped(owner, { start_date: "2026-03-02", end_date: "2026-03-02", group_by: "project,member" });
    const ga = day.groups.find((g) => g.id === a.id)!;
    expect([ga.seconds, ga.amount]).toEqual([4033, 53.02]); // the range's own figures
    expect(ga.estimate).toEqual({ hours: 5, tracked_seconds_all_time: 19480, share: 1.0822, remaining_seconds_all_time: -1480 });
    expect(ga.budget).toEqual({ amount: 150, spent_all_time: 200.57, share: 1.3371, remaining_all_time: -50.57 });
    expect(ga.groups!.every((s) => s.estimate === undefined && s.budget === undefined)).toBe(true);
    const year = await grouped(owner, { ...YEAR, group_by: "project" });
    expect(year.groups.map((g) => [g.name, g.budget?.spent_all_time ?? null, g.estimate?.share ?? null])).toEqual([
      ["A", 200.57, 1.0822],
      ["C", null, null],
      ["B", 48.63, null],
      ["No project", null, null],
    ]);
    // A project with neither: both null (its entries are not read for it); no project: no such keys.
    expect(year.groups.find((g) => g.name === "C")).toMatchObject({ estimate: null, budget: null });
    expect(year.groups.find((g) => g.id === null)).not.toHaveProperty("budget");
    // Another first level: no progress anywhere.
    const byMember = await grouped(owner, { ...YEAR, group_by: "member,project" });
    expect(byMember.groups.flatMap((g) => [g, ...(g.groups ?? [])]).some((g) => "budget" in g || "estimate" in g)).toBe(false);
  });

  it("measures nothing against a budget when no rate applies, and an empty project against a rate at 0", async () => {
    const owner = await makeUser(t.db);
    const unpriced = await createProject(t.db, owner, { name: "Unpriced", budget_amount: 100, estimated_hours: 2 });
    const idle = await createProject(t.db, owner, { name: "Idle", hourly_rate: 50, budget_amount: 100 });
    await createEntry(t.db, owner, { notes: "x", project_id: unpriced.id, billable: true, start_time: "2026-03-02T09:00", end_time: "2026-03-02T10:00" });
    const [u, i] = await serializeProjectsWithStats(t.db, owner, [unpriced, idle].map((p) => ({ ...p, clientName: null })), NOW);
    expect(u).toMatchObject({ billable_amount: null, budget_spent: null, budget_progress: null, budget_remaining: null, estimate_progress: 0.5, estimate_remaining_seconds: 3600 });
    expect(i).toMatchObject({ billable_amount: 0, budget_spent: 0, budget_progress: 0, budget_remaining: 100 });
    const report = await grouped(owner, { ...YEAR, group_by: "project" });
    expect(report.groups.find((g) => g.id === unpriced.id)!.budget).toEqual({ amount: 100, spent_all_time: null, share: null, remaining_all_time: null });
  });
});
