import { and, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/db/testing";
import { projects, timeEntries, users, workspaceMembers } from "@/db/schema";
import { recordingStatements } from "@/lib/testing/statements";
import { makeUser } from "@/lib/testing/users";
import type { Actor } from "@/lib/workspaces/policy";
import { periodOf } from "@/lib/time/period";
import type { MemberActor } from "@/lib/workspaces/actor";
import { overviewOf, reportedMember, teamReport } from "./team";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.cleanup());

const H = 3600;

async function personalWorkspace(userId: number): Promise<number> {
  const [row] = await t.db
    .select({ id: workspaceMembers.workspaceId })
    .from(workspaceMembers)
    .where(and(eq(workspaceMembers.userId, userId), eq(workspaceMembers.role, "owner")));
  return row.id;
}

const entry = (workspaceId: number, userId: number, start: string, end: string | null, description = "") =>
  t.db.insert(timeEntries).values({ workspaceId, userId, startAt: new Date(start), endAt: end ? new Date(end) : null, description });

describe("the team report", () => {
  it("gives every member of the workspace their hours this week and month (the viewer's zone and week start) and what runs now", async () => {
    const owner = await makeUser(t.db, { timezone: "Europe/Berlin", weekStart: 1 });
    const member = await makeUser(t.db);
    const outsider = await makeUser(t.db);
    const ws = await personalWorkspace(owner.id);
    const elsewhere = await personalWorkspace(member.id);
    await t.db.insert(workspaceMembers).values({ workspaceId: ws, userId: member.id, role: "member" });

    // Wednesday 17 June 2026, 14:00 in Berlin: the week is Mon 15 – Sun 21 June.
    const now = new Date("2026-06-17T12:00:00Z");
    await entry(ws, owner.id, "2026-06-15T07:00:00Z", "2026-06-15T10:00:00Z"); // Monday, 3 h
    await entry(ws, owner.id, "2026-05-31T20:00:00Z", "2026-05-31T23:00:00Z"); // 31 May 22:00 – 1 June 01:00 Berlin: 1 h in June
    await entry(ws, member.id, "2026-06-14T20:30:00Z", "2026-06-14T23:00:00Z"); // Sun 22:30 – Mon 01:00 Berlin: 1.5 h last week, 1 h this week
    await entry(elsewhere, member.id, "2026-06-16T08:00:00Z", "2026-06-16T10:00:00Z"); // another workspace: not the team's
    await entry(ws, member.id, "2026-06-17T11:00:00Z", null, "Writing specs"); // running for 1 h
    await entry(await personalWorkspace(outsider.id), outsider.id, "2026-06-16T08:00:00Z", "2026-06-16T09:00:00Z");

    const actor: Actor & { timezone: string; weekStart: number } = { userId: owner.id, workspaceId: ws, role: "owner", scopes: [], via: "session", timezone: owner.timezone, weekStart: 1 };
    const report = await teamReport(t.db, actor, now);
    expect(report.week).toEqual({ start_date: "2026-06-15", end_date: "2026-06-21" });
    expect(report.month).toEqual({ start_date: "2026-06-01", end_date: "2026-06-30" });
    const byId = new Map(report.members.map((m) => [m.user_id, m]));
    expect([...byId.keys()].sort()).toEqual([owner.id, member.id].sort());
    expect(byId.get(owner.id)).toMatchObject({ role: "owner", week_seconds: 3 * H, month_seconds: 4 * H, running: null });
    expect(byId.get(member.id)).toMatchObject({ role: "member", name: member.name, week_seconds: 2 * H, month_seconds: 3.5 * H });
    expect(byId.get(member.id)!.running).toMatchObject({ description: "Writing specs", start_at: "2026-06-17T11:00:00.000Z", project: null });

    // A running session on a private project: its name for owners and admins and the project's members only.
    const [secret] = await t.db.insert(projects).values({ workspaceId: ws, name: "Secret", private: true }).returning();
    await t.db.update(timeEntries).set({ projectId: secret.id }).where(and(eq(timeEntries.userId, member.id), isNull(timeEntries.endAt)));
    expect((await teamReport(t.db, actor, now)).members.find((m) => m.user_id === member.id)!.running!.project).toBe("Secret");
    const manager = { ...actor, role: "manager" as const };
    expect((await teamReport(t.db, manager, now)).members.find((m) => m.user_id === member.id)!.running).toMatchObject({ project: null, project_id: secret.id });

    // The viewer's week start decides the week: from Sunday, the member's Sunday evening is this week.
    const sundayWeek = await teamReport(t.db, { ...actor, weekStart: 0 }, now);
    expect(sundayWeek.week.start_date).toBe("2026-06-14");
    expect(sundayWeek.members.find((m) => m.user_id === member.id)!.week_seconds).toBe(3.5 * H);
  });

  it("is for managers and up: a member is refused, and the overview of another member is not theirs to open", async () => {
    const owner = await makeUser(t.db);
    const member = await makeUser(t.db);
    const ws = await personalWorkspace(owner.id);
    await t.db.insert(workspaceMembers).values({ workspaceId: ws, userId: member.id, role: "member" });
    const asMember: Actor & { timezone: string; weekStart: number } = { userId: member.id, workspaceId: ws, role: "member", scopes: [], via: "session", timezone: "UTC", weekStart: 1 };
    await expect(teamReport(t.db, asMember)).rejects.toMatchObject({ code: "forbidden" });
    expect(await reportedMember(t.db, asMember, String(owner.id))).toBeUndefined();
    expect(await reportedMember(t.db, asMember, String(member.id))).toBeNull();

    const asManager = { ...asMember, userId: owner.id, role: "manager" as const };
    expect(await reportedMember(t.db, asManager, String(member.id))).toEqual({ userId: member.id, name: member.name });
    const outsider = await makeUser(t.db);
    expect(await reportedMember(t.db, asManager, String(outsider.id))).toBeUndefined();
    expect(await reportedMember(t.db, asManager, "1; drop")).toBeUndefined();
  });

  it("the Overview of another member: theirs for managers and up (tokens with read:team), refused to members, none for strangers", async () => {
    const owner = await makeUser(t.db, { timezone: "Europe/Berlin" });
    const member = await makeUser(t.db);
    const stranger = await makeUser(t.db);
    const ws = await personalWorkspace(owner.id);
    await t.db.insert(workspaceMembers).values({ workspaceId: ws, userId: member.id, role: "member" });
    await entry(ws, member.id, "2026-06-15T07:00:00Z", "2026-06-15T09:30:00Z", "Their work");
    await entry(ws, owner.id, "2026-06-16T07:00:00Z", "2026-06-16T08:00:00Z", "Mine");
    const now = new Date("2026-06-17T12:00:00Z");
    const week = periodOf("week", "2026-06-17", "Europe/Berlin", 1);
    const manager: MemberActor = { userId: owner.id, workspaceId: ws, role: "manager", scopes: [], via: "session", timezone: "Europe/Berlin", weekStart: 1, maxEntryMinutes: 1440, currency: "EUR" };

    expect((await overviewOf(t.db, manager, week, member.id, now)).total_seconds).toBe(2.5 * H);
    expect((await overviewOf(t.db, manager, week, undefined, now)).total_seconds).toBe(1 * H);
    await expect(overviewOf(t.db, { ...manager, via: "token", scopes: ["read:reports"] }, week, member.id, now)).rejects.toMatchObject({ code: "insufficient_scope" });
    expect((await overviewOf(t.db, { ...manager, via: "token", scopes: ["read:reports", "read:team"] }, week, member.id, now)).total_seconds).toBe(2.5 * H);
    await expect(overviewOf(t.db, manager, week, stranger.id, now)).rejects.toMatchObject({ code: "not_found" });
    const asMember = { ...manager, userId: member.id, role: "member" as const };
    await expect(overviewOf(t.db, asMember, week, owner.id, now)).rejects.toMatchObject({ code: "forbidden" });
  });

  it("is one statement for the whole team, with 1 member as with 20, and each member's hours counted by the day rule", async () => {
    const now = new Date("2026-06-17T12:00:00Z"); // Wednesday; UTC weeks from Monday: 15 – 21 June
    const team = async (size: number) => {
      const owner = await makeUser(t.db, { timezone: "UTC", weekStart: 1 });
      const ws = await personalWorkspace(owner.id);
      const others = [];
      for (let i = 1; i < size; i++) {
        // Accounts made directly (no password to hash: nobody signs in here).
        const email = `team-${ws}-${i}@example.com`;
        const [user] = await t.db.insert(users).values({ email, name: `Member ${String(i).padStart(2, "0")}`, passwordHash: "-" }).returning();
        await t.db.insert(workspaceMembers).values({ workspaceId: ws, userId: user.id, role: "member" });
        // Member i: i × 10 minutes on Tuesday (this week and month).
        await entry(ws, user.id, "2026-06-16T09:00:00Z", new Date(Date.parse("2026-06-16T09:00:00Z") + i * 600_000).toISOString());
        others.push(user);
      }
      const actor: Actor & { timezone: string; weekStart: number } = { userId: owner.id, workspaceId: ws, role: "owner", scopes: [], via: "session", timezone: "UTC", weekStart: 1 };
      return { owner, ws, others, actor };
    };
    const small = await team(1);
    const big = await team(20);
    // Member 5 runs a timer since 11:30:00.5: its clock shows 29:59 at noon. Member 7 worked across
    // 1 June's midnight: the hour after it is June's (not this week's), the hour before it May's.
    await entry(big.ws, big.others[4].id, "2026-06-17T11:30:00.500Z", null, "Running");
    await entry(big.ws, big.others[6].id, "2026-05-31T23:00:00Z", "2026-06-01T01:00:00Z");

    const counted = recordingStatements(t);
    await teamReport(counted.db, small.actor, now); // the zone list is read once per process
    counted.sent.length = 0;
    await teamReport(counted.db, small.actor, now);
    const forOne = counted.sent.length;
    counted.sent.length = 0;
    const report = await teamReport(counted.db, big.actor, now);
    expect(forOne).toBe(1);
    expect(counted.sent.length).toBe(forOne);

    expect(report.members).toHaveLength(20);
    const byId = new Map(report.members.map((m) => [m.user_id, m]));
    expect(byId.get(big.owner.id)).toMatchObject({ week_seconds: 0, month_seconds: 0, running: null });
    big.others.forEach((user, index) => {
      const i = index + 1;
      const week = i * 600 + (i === 5 ? 1799 : 0);
      const month = week + (i === 7 ? 3600 : 0);
      expect(byId.get(user.id), `member ${i}`).toMatchObject({ week_seconds: week, month_seconds: month });
      expect(byId.get(user.id)!.running?.description ?? null, `member ${i}`).toBe(i === 5 ? "Running" : null);
    });
  });
});
