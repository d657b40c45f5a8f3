import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/db/testing";
import { createEntry, deleteEntry, getEntryOrThrow, listEntries, restoreEntry, updateEntry } from "@/lib/entries/service";
import { listEntriesQuery } from "@/lib/entries/schema";
import { AppError } from "@/lib/errors";
import { overviewOf, reportedMember } from "@/lib/reports/team";
import { summaryReport } from "@/lib/reports/summary";
import { memberIn } from "@/lib/testing/members";
import { makeUser, type TestUser } from "@/lib/testing/users";
import { periodOf } from "@/lib/time/period";
import type { MemberActor } from "./actor";
import { removeMember } from "./members";

// A removed member's entries stay attributed to them: those who may act on a member's entries (admins
// change and delete, managers read) still reach them through the API's services and the Overview, while a
// caller of another workspace still finds nothing, and nobody books new time for someone who left.

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.cleanup());

const DAY = "2026-03-02";

async function refused(p: Promise<unknown>): Promise<string> {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return (error as AppError).code;
}

type World = { owner: TestUser; admin: MemberActor; manager: MemberActor; former: TestUser; outsider: TestUser; entryId: number };

async function world(): Promise<World> {
  const owner = await makeUser(t.db, { timezone: "UTC" });
  const former = await makeUser(t.db, { timezone: "UTC" });
  const outsider = await makeUser(t.db, { timezone: "UTC" }); // the owner of another workspace
  const admin = await memberIn(t.db, owner.workspaceId, (await makeUser(t.db, { timezone: "UTC" })).id, "admin");
  const manager = await memberIn(t.db, owner.workspaceId, (await makeUser(t.db, { timezone: "UTC" })).id, "manager");
  const asMember = await memberIn(t.db, owner.workspaceId, former.id, "member");
  const entry = await createEntry(t.db, asMember, { notes: "Before leaving", start_time: `${DAY}T09:00:00Z`, end_time: `${DAY}T10:30:00Z` });
  await removeMember(t.db, owner.actor, former.id);
  return { owner, admin, manager, former, outsider, entryId: entry.entry.id };
}

const list = (actor: MemberActor, userId: number) => listEntries(t.db, actor, listEntriesQuery.parse({ user_id: userId, per_page: 50 }));

describe("a removed member's entries", () => {
  let w: World;
  beforeAll(async () => {
    w = await world();
  });

  it("an admin reads them: the list, one entry, the summary and the Overview", async () => {
    const listed = await list(w.admin, w.former.id);
    expect(listed.items.map((r) => [r.entry.id, r.entry.userId, r.entry.description])).toEqual([[w.entryId, w.former.id, "Before leaving"]]);
    expect((await getEntryOrThrow(t.db, w.admin, w.entryId)).entry.userId).toBe(w.former.id);
    const summary = await summaryReport(t.db, w.admin, { user_id: w.former.id, start_date: DAY, end_date: DAY });
    expect(summary).toMatchObject({ total_hours: 1.5, total_entries: 1 });
    expect(await reportedMember(t.db, w.admin, String(w.former.id))).toEqual({ userId: w.former.id, name: w.former.name });
    const overview = await overviewOf(t.db, w.admin, periodOf("day", DAY, "UTC", 1), w.former.id);
    expect(overview.total_seconds).toBe(5400);
  });

  it("an admin edits one: it stays theirs", async () => {
    const edited = await updateEntry(t.db, w.admin, w.entryId, { notes: "Corrected after leaving", end_time: `${DAY}T11:00:00Z` });
    expect(edited.entry).toMatchObject({ id: w.entryId, userId: w.former.id, workspaceId: w.owner.workspaceId, description: "Corrected after leaving" });
    expect(edited.entry.endAt?.toISOString()).toBe(`${DAY}T11:00:00.000Z`);
  });

  it("an admin deletes one and undoes it", async () => {
    await deleteEntry(t.db, w.admin, w.entryId);
    expect((await list(w.admin, w.former.id)).items).toEqual([]);
    // All entries in the trash: still a former member (restoring names them).
    expect((await restoreEntry(t.db, w.admin, w.entryId)).entry.userId).toBe(w.former.id);
    expect((await list(w.admin, w.former.id)).items).toHaveLength(1);
  });

  it("nobody books new time for them", async () => {
    expect(await refused(createEntry(t.db, w.admin, { user_id: w.former.id, notes: "After", start_time: `${DAY}T12:00:00Z`, end_time: `${DAY}T13:00:00Z` }))).toBe("not_found");
  });

  it("a manager reads them but does not change them", async () => {
    expect((await list(w.manager, w.former.id)).items).toHaveLength(1);
    expect(await reportedMember(t.db, w.manager, String(w.former.id))).toEqual({ userId: w.former.id, name: w.former.name });
    expect(await refused(updateEntry(t.db, w.manager, w.entryId, { notes: "Manager" }))).toBe("forbidden");
    expect(await refused(deleteEntry(t.db, w.manager, w.entryId))).toBe("forbidden");
  });

  it("the owner of another workspace finds nothing", async () => {
    const o = w.outsider.actor;
    expect(await refused(getEntryOrThrow(t.db, o, w.entryId))).toBe("not_found");
    expect(await refused(updateEntry(t.db, o, w.entryId, { notes: "Outsider" }))).toBe("not_found");
    expect(await refused(deleteEntry(t.db, o, w.entryId))).toBe("not_found");
    expect(await refused(list(o, w.former.id))).toBe("not_found");
    expect(await refused(summaryReport(t.db, o, { user_id: w.former.id }))).toBe("not_found");
    expect(await reportedMember(t.db, o, String(w.former.id))).toBeUndefined();
    expect((await getEntryOrThrow(t.db, w.admin, w.entryId)).entry.description).toBe("Corrected after leaving");
  });

  it("a user who never tracked in the workspace is no member to reach", async () => {
    expect(await refused(list(w.admin, w.outsider.id))).toBe("not_found");
    expect(await reportedMember(t.db, w.admin, String(w.outsider.id))).toBeUndefined();
  });
});
