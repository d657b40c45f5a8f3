import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/db/testing";
import { createProject, getProjectOrThrow, listProjects } from "@/lib/projects/service";
import { summaryReport } from "@/lib/reports/summary";
import { memberIn } from "@/lib/testing/members";
import { makeUser, type TestUser } from "@/lib/testing/users";
import { startTimer } from "@/lib/timer/service";
import type { MemberActor } from "@/lib/workspaces/actor";
import { createEntry, deleteEntry, getEntryOrThrow, listEntries, updateEntry } from "./service";

// One workspace with an owner, an admin, a manager and two members: who may read and write whose entries,
// through sessions and tokens, and who sees a private project.

let t: TestDb;
let owner: TestUser;
let admin: MemberActor;
let manager: MemberActor;
let member: MemberActor;
let other: MemberActor;
let outsider: TestUser;
let othersEntry: number;
const page = { page: 1, per_page: 50 };
const err = (p: Promise<unknown>) => p.then(() => null, (e) => e);

beforeAll(async () => {
  t = await createTestDb();
  owner = await makeUser(t.db);
  const ws = owner.workspaceId;
  admin = await memberIn(t.db, ws, (await makeUser(t.db)).id, "admin");
  manager = await memberIn(t.db, ws, (await makeUser(t.db)).id, "manager");
  member = await memberIn(t.db, ws, (await makeUser(t.db)).id, "member");
  other = await memberIn(t.db, ws, (await makeUser(t.db)).id, "member");
  outsider = await makeUser(t.db);
  othersEntry = (await createEntry(t.db, other, { notes: "other's work", start_time: "2026-03-02T09:00:00Z", end_time: "2026-03-02T10:00:00Z" })).entry.id;
});
afterAll(() => t.cleanup());

describe("user_id on the entries list and the summary", () => {
  it("owners, admins and managers read another member's entries and report", async () => {
    for (const who of [owner.actor, admin, manager]) {
      expect((await listEntries(t.db, who, { ...page, user_id: other.userId })).items.map((r) => r.entry.description)).toEqual(["other's work"]);
      expect((await summaryReport(t.db, who, { user_id: other.userId, start_date: "2026-03-01", end_date: "2026-03-31" })).total_hours).toBe(1);
    }
  });

  it("a member asking for another member is 403 forbidden; their own user_id is fine", async () => {
    const refused = await err(listEntries(t.db, member, { ...page, user_id: other.userId }));
    expect([refused.code, refused.message]).toEqual(["forbidden", "You cannot see other members' time entries: your role in this workspace is member."]);
    expect((await err(summaryReport(t.db, member, { user_id: other.userId }))).code).toBe("forbidden");
    expect((await listEntries(t.db, member, { ...page, user_id: member.userId })).items).toEqual([]);
  });

  it("a user who is no member of the workspace (or does not exist) is 404 for those who may ask", async () => {
    expect((await err(listEntries(t.db, manager, { ...page, user_id: outsider.id }))).code).toBe("not_found");
    expect((await err(summaryReport(t.db, admin, { user_id: 999_999 }))).code).toBe("not_found");
    // A member learns nothing: 403 whoever it is.
    expect((await err(listEntries(t.db, member, { ...page, user_id: outsider.id }))).code).toBe("forbidden");
  });

  it("a manager's token reaches the team only with read:team (or admin:all)", async () => {
    const narrow = { ...manager, via: "token" as const, scopes: ["read:time_entries", "read:reports"] };
    const refused = await err(listEntries(t.db, narrow, { ...page, user_id: other.userId }));
    expect([refused.code, refused.details.required_scope]).toEqual(["insufficient_scope", "read:team"]);
    const team = { ...narrow, scopes: ["read:time_entries", "read:team"] };
    expect((await listEntries(t.db, team, { ...page, user_id: other.userId })).items).toHaveLength(1);
  });
});

describe("another member's entries, one by one", () => {
  it("managers read them; members get 403", async () => {
    expect((await getEntryOrThrow(t.db, manager, othersEntry)).entry.userId).toBe(other.userId);
    expect((await err(getEntryOrThrow(t.db, member, othersEntry))).code).toBe("forbidden");
  });

  it("admins create, edit and delete them (user_id in the body); managers and members may not", async () => {
    const made = await createEntry(t.db, admin, { user_id: member.userId, notes: "logged for member", start_time: "2026-03-03T09:00:00Z", end_time: "2026-03-03T09:30:00Z" });
    expect([made.entry.userId, made.entry.workspaceId, made.entry.description]).toEqual([member.userId, member.workspaceId, "logged for member"]);
    expect((await updateEntry(t.db, admin, made.entry.id, { notes: "fixed by admin" })).entry.description).toBe("fixed by admin");
    for (const who of [manager, other]) {
      const write = { user_id: member.userId, notes: "x", start_time: "2026-03-04T09:00:00Z", end_time: "2026-03-04T09:30:00Z" };
      expect((await err(createEntry(t.db, who, write))).code).toBe("forbidden");
    }
    expect((await err(updateEntry(t.db, manager, made.entry.id, { notes: "no" }))).code).toBe("forbidden");
    expect((await err(deleteEntry(t.db, manager, made.entry.id))).code).toBe("forbidden");
    expect((await err(deleteEntry(t.db, other, made.entry.id))).code).toBe("forbidden");
    expect((await getEntryOrThrow(t.db, owner.actor, made.entry.id)).entry.description).toBe("fixed by admin");
    await deleteEntry(t.db, admin, made.entry.id);
    expect((await err(getEntryOrThrow(t.db, owner.actor, made.entry.id))).code).toBe("not_found");
    // Not for someone outside the workspace.
    const outside = await err(createEntry(t.db, admin, { user_id: outsider.id, start_time: "2026-03-04T09:00:00Z", end_time: "2026-03-04T09:30:00Z" }));
    expect(outside.code).toBe("not_found");
  });

  it("an admin's token writes another member's entries only with admin:all", async () => {
    const token = { ...admin, via: "token" as const, scopes: ["write:time_entries", "read:team"] };
    const refused = await err(createEntry(t.db, token, { user_id: member.userId, start_time: "2026-03-05T09:00:00Z", end_time: "2026-03-05T09:30:00Z" }));
    expect([refused.code, refused.details.required_scope]).toEqual(["insufficient_scope", "admin:all"]);
  });

  it("another workspace's entry does not exist for anyone here", async () => {
    const theirs = await createEntry(t.db, outsider.actor, { notes: "elsewhere", start_time: "2026-03-02T09:00:00Z", end_time: "2026-03-02T10:00:00Z" });
    for (const who of [owner.actor, admin, manager]) {
      expect((await err(getEntryOrThrow(t.db, who, theirs.entry.id))).code).toBe("not_found");
      expect((await err(updateEntry(t.db, who, theirs.entry.id, { notes: "taken" }))).code).toBe("not_found");
      expect((await err(deleteEntry(t.db, who, theirs.entry.id))).code).toBe("not_found");
    }
    expect((await getEntryOrThrow(t.db, outsider.actor, theirs.entry.id)).entry.description).toBe("elsewhere");
  });
});

describe("private projects", () => {
  it("only its members, owners and admins see it and book on it; others get 404 and 'No such project'", async () => {
    const secret = await createProject(t.db, admin, { name: "Secret", private: true, member_ids: [member.userId] });
    expect([secret.private, secret.memberIds]).toEqual([true, [member.userId]]);
    const names = async (who: MemberActor) => (await listProjects(t.db, who, page)).items.map((p) => p.name);
    for (const who of [owner.actor, admin, member]) expect(await names(who)).toContain("Secret");
    for (const who of [manager, other]) expect(await names(who)).not.toContain("Secret");
    expect((await err(getProjectOrThrow(t.db, other, secret.id))).code).toBe("not_found");
    const booked = await createEntry(t.db, member, { project_id: secret.id, start_time: "2026-03-06T09:00:00Z", end_time: "2026-03-06T10:00:00Z" });
    expect(booked.entry.projectId).toBe(secret.id);
    const refused = await err(createEntry(t.db, other, { project_id: secret.id, start_time: "2026-03-06T09:00:00Z", end_time: "2026-03-06T10:00:00Z" }));
    expect(refused.details.fields.project_id).toEqual(["No such project."]);
    expect((await err(startTimer(t.db, other, { project_id: secret.id }, { stopRunning: true }))).details.fields.project_id).toEqual(["No such project."]);
    // An admin booking for a member who is not on it: refused as for that member.
    const forOther = await err(createEntry(t.db, admin, { user_id: other.userId, project_id: secret.id, start_time: "2026-03-06T11:00:00Z", end_time: "2026-03-06T12:00:00Z" }));
    expect(forOther.details.fields.project_id).toEqual(["No such project."]);
    // Assigned members must be members of the workspace.
    const stranger = await err(createProject(t.db, admin, { name: "Other secret", private: true, member_ids: [outsider.id] }));
    expect(Object.keys(stranger.details.fields)).toEqual(["member_ids"]);
  });

  it("members read the catalog but do not manage it; managers do, and are on the private projects they make", async () => {
    expect((await err(createProject(t.db, member, { name: "Mine" }))).code).toBe("forbidden");
    expect((await createProject(t.db, manager, { name: "Team project" })).name).toBe("Team project");
    const theirs = await createProject(t.db, manager, { name: "Manager's secret", private: true, member_ids: [other.userId] });
    expect(theirs.memberIds).toEqual([other.userId, manager.userId].sort((a, b) => a - b));
  });
});
