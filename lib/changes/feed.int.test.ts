import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/db/testing";
import { createClient, deleteClient, listClientChanges, updateClient } from "@/lib/clients/service";
import { listEntryChanges } from "@/lib/entries/changes";
import { createEntry } from "@/lib/entries/service";
import { createProject, listProjectChanges } from "@/lib/projects/service";
import { deleteTag, listTagChanges, renameTag, createTag } from "@/lib/tags/service";
import { createTask, listTaskChanges } from "@/lib/tasks/service";
import { memberIn } from "@/lib/testing/members";
import { makeUser } from "@/lib/testing/users";
import type { MemberActor } from "@/lib/workspaces/actor";

// The catalog feeds (projects, clients, tasks, tags): the workspace's changes, private projects filtered.

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.cleanup());

const q = (extra: { include_deleted?: boolean } = {}) => ({ page: 1, per_page: 50, updated_since: "2000-01-01T00:00:00Z", ...extra });
const names = (items: ({ name: string } | { id: number; deleted: true })[]) => items.map((i) => ("deleted" in i ? `deleted ${i.id}` : i.name));

describe("the catalog feeds", () => {
  it("projects and tasks: a private project and its tasks reach its members and the admins only, its deletion too", async () => {
    const owner = await makeUser(t.db);
    const insider = await memberIn(t.db, owner.workspaceId, (await makeUser(t.db)).id, "member");
    const outsider = await memberIn(t.db, owner.workspaceId, (await makeUser(t.db)).id, "member");
    const open = await createProject(t.db, owner, { name: "Open" });
    const secret = await createProject(t.db, owner, { name: "Secret", private: true, member_ids: [insider.userId] });
    await createTask(t.db, owner, { project_id: open.id, name: "Open task" });
    await createTask(t.db, owner, { project_id: secret.id, name: "Secret task" });
    const projectsOf = async (a: MemberActor) => names((await listProjectChanges(t.db, a, q({ include_deleted: true }))).items);
    const tasksOf = async (a: MemberActor) => names((await listTaskChanges(t.db, a, q({ include_deleted: true }))).items);
    expect([await projectsOf(owner), await projectsOf(insider), await projectsOf(outsider)]).toEqual([["Open", "Secret"], ["Open", "Secret"], ["Open"]]);
    expect([await tasksOf(owner), await tasksOf(insider), await tasksOf(outsider)]).toEqual([["Open task", "Secret task"], ["Open task", "Secret task"], ["Open task"]]);
    await t.db.execute(sql`delete from projects where id = ${secret.id}`);
    const secretTask = (await tasksOf(owner)).length;
    expect(secretTask).toBe(2);
    expect(await projectsOf(insider)).toEqual(["Open", `deleted ${secret.id}`]);
    expect(await projectsOf(owner)).toEqual(["Open", `deleted ${secret.id}`]);
    expect(await projectsOf(outsider)).toEqual(["Open"]);
    expect((await tasksOf(outsider)).filter((n) => n.startsWith("deleted"))).toEqual([]);
    expect((await tasksOf(insider)).filter((n) => n.startsWith("deleted"))).toHaveLength(1);
  });

  it("clients: edits come again at the end, deletions as tombstones; another workspace sees none of it", async () => {
    const owner = await makeUser(t.db);
    const stranger = await makeUser(t.db);
    const a = await createClient(t.db, owner, { name: "Acme" });
    const b = await createClient(t.db, owner, { name: "Beta" });
    await updateClient(t.db, owner, a.id, { name: "Acme Ltd" });
    await deleteClient(t.db, owner, b.id);
    expect(names((await listClientChanges(t.db, owner, q({ include_deleted: true }))).items)).toEqual(["Acme Ltd", `deleted ${b.id}`]);
    expect(names((await listClientChanges(t.db, owner, q())).items)).toEqual(["Acme Ltd"]);
    expect((await listClientChanges(t.db, stranger, q({ include_deleted: true }))).items).toEqual([]);
  });

  it("tags: a rename is a change of the tag and of every entry that has it; a deletion a tombstone", async () => {
    const owner = await makeUser(t.db);
    const tag = await createTag(t.db, owner, { name: "deep" });
    const other = await createTag(t.db, owner, { name: "meeting" });
    const entry = await createEntry(t.db, owner, { notes: "Focus", start_time: "2026-01-05T09:00:00Z", end_time: "2026-01-05T10:00:00Z", tags: ["deep"] });
    const since = (await listEntryChanges(t.db, owner, { ...q(), per_page: 50 } as never)).next_cursor;
    await renameTag(t.db, owner, tag.id, { name: "focus" });
    await deleteTag(t.db, owner, other.id);
    expect(names((await listTagChanges(t.db, owner, q({ include_deleted: true }))).items)).toEqual(["focus", `deleted ${other.id}`]);
    const entries = (await listEntryChanges(t.db, owner, { page: 1, per_page: 50, cursor: since } as never)).items;
    expect(entries.map((e) => ("deleted" in e ? e.id : [e.entry.id, e.tags]))).toEqual([[entry.entry.id, ["focus"]]]);
  });

  it("a list filter sent with the feed is a 400 naming it, not silently ignored; the entries feed keeps user_id", async () => {
    const owner = await makeUser(t.db);
    const refusal = async (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as { code: string; details?: Record<string, string[]> });
    expect(await refusal(listProjectChanges(t.db, owner, { ...q(), client_id: 3 } as never))).toMatchObject({ code: "validation_error", details: { fields: { client_id: [expect.stringContaining("takes no client_id")] } } });
    expect(await refusal(listTaskChanges(t.db, owner, { ...q(), status: "done" } as never))).toMatchObject({ details: { fields: { status: [expect.any(String)] } } });
    expect(await refusal(listEntryChanges(t.db, owner, { ...q(), billable: true, page: 2 } as never))).toMatchObject({ details: { fields: { billable: [expect.any(String)], page: [expect.any(String)] } } });
    const mine = await listEntryChanges(t.db, owner, { ...q(), user_id: owner.userId } as never);
    expect(mine.items).toEqual([]);
  });
});
