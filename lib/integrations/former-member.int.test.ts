import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/db/testing";
import { integrationConnections } from "@/db/schema";
import { createEntry } from "@/lib/entries/service";
import { memberIn } from "@/lib/testing/members";
import { makeUser } from "@/lib/testing/users";
import { removeMember } from "@/lib/workspaces/members";
import { pushDueLinks } from "./sync/worker";
import { connectMemory, drain, FAST, linkOf } from "@/e2e/support/sync-engine";

// A connection is a member's personal account elsewhere; once they leave the workspace nothing of it may
// flow through that account any more, whatever its routing rule.

let t: TestDb;
beforeAll(async () => {
  process.env.MEMORY_CLIENT_ID = "stint-test";
  process.env.MEMORY_CLIENT_SECRET = "stint-test-secret";
  t = await createTestDb();
});
afterAll(() => t.cleanup());

describe("a member who leaves or is removed", () => {
  it("their connection stops in the same transaction: a waiting entry is not sent, the reason is on the connection", async () => {
    const owner = await makeUser(t.db);
    const memberUser = await makeUser(t.db);
    const member = await memberIn(t.db, owner.workspaceId, memberUser.id, "member");
    const { system, connection, project } = await connectMemory(t.db, member);

    await createEntry(t.db, member, { project_id: project.id, notes: "Before leaving", start_time: "2026-03-02T09:00:00Z", end_time: "2026-03-02T10:00:00Z" });
    await drain(t.db, connection.id);
    expect([...system.logs.values()].map((l) => l.notes)).toEqual(["Before leaving"]);

    // An entry of theirs is waiting to be sent when the owner removes them.
    const waiting = await createEntry(t.db, member, { project_id: project.id, notes: "Last day", start_time: "2026-03-02T11:00:00Z", end_time: "2026-03-02T12:00:00Z" });
    expect(await linkOf(t.db, waiting.entry.id)).toMatchObject({ state: "pending" });
    await removeMember(t.db, owner, memberUser.id);

    const [stopped] = await t.db.select().from(integrationConnections).where(eq(integrationConnections.id, connection.id));
    expect(stopped).toMatchObject({ status: "error", lastError: expect.stringContaining("no longer a member of this workspace") });
    expect(await pushDueLinks(t.db, FAST, connection.id)).toBe(0);
    expect([...system.logs.values()].map((l) => l.notes)).toEqual(["Before leaving"]);
  });

  it("someone else's connections in the workspace, and the member's in other workspaces, keep working", async () => {
    const owner = await makeUser(t.db);
    const memberUser = await makeUser(t.db);
    const member = await memberIn(t.db, owner.workspaceId, memberUser.id, "member");
    const ownConnection = (await connectMemory(t.db, owner)).connection;
    const elsewhere = (await connectMemory(t.db, memberUser)).connection; // the member's own personal workspace
    await connectMemory(t.db, member);
    await removeMember(t.db, owner, memberUser.id);
    const statuses = await t.db.select({ id: integrationConnections.id, status: integrationConnections.status }).from(integrationConnections);
    const statusOf = (id: number) => statuses.find((s) => s.id === id)?.status;
    expect(statusOf(ownConnection.id)).toBe("active");
    expect(statusOf(elsewhere.id)).toBe("active");
  });
});
