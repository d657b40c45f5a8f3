import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/db/testing";
import { integrationConnections, integrationJobs, projects, tasks, workspaceMembers } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { memberIn } from "@/lib/testing/members";
import { makeUser } from "@/lib/testing/users";
import type { MemberActor } from "@/lib/workspaces/actor";
import { saveConnection } from "./connections";
import { importRefusal, startFirstImport, startImport, startSync } from "./service";
import { enqueueJob } from "./sync/jobs";
import { memorySystem } from "@/e2e/fakes/providers/memory-provider";
import { scheduleImports, workOnce } from "./sync/worker";
import { FAST, testProviders } from "@/e2e/support/sync-engine";

// Importing a connection's remote projects adds to the workspace's catalog, so it needs what managing the
// catalog needs (owner, admin, manager). A member connects their own account, and their entries are sent,
// but nothing of theirs imports: not on demand, not right after connecting, not as part of "Sync now",
// not on the worker's schedule.

let t: TestDb;
beforeAll(async () => {
  process.env.MEMORY_CLIENT_ID = "stint-test";
  process.env.MEMORY_CLIENT_SECRET = "stint-test-secret";
  t = await createTestDb();
});
afterAll(() => t.cleanup());

async function team() {
  const owner = await makeUser(t.db);
  const memberUser = await makeUser(t.db);
  const managerUser = await makeUser(t.db);
  const member = await memberIn(t.db, owner.workspaceId, memberUser.id, "member");
  const manager = await memberIn(t.db, owner.workspaceId, managerUser.id, "manager");
  return { owner, member, manager, workspaceId: owner.workspaceId };
}

async function connect(actor: MemberActor) {
  const system = memorySystem();
  testProviders.use(system.provider);
  return saveConnection(t.db, actor, system.provider, { label: "Memory account", settings: { region: "eu" }, credentials: { refreshToken: system.refreshToken } });
}

const catalog = async (workspaceId: number) => ({
  projects: (await t.db.select({ name: projects.name }).from(projects).where(eq(projects.workspaceId, workspaceId))).map((p) => p.name),
  tasks: (await t.db.select({ id: tasks.id }).from(tasks).where(eq(tasks.workspaceId, workspaceId))).length,
});
const jobsOf = (connectionId: number) => t.db.select().from(integrationJobs).where(eq(integrationJobs.connectionId, connectionId));

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("importing into the workspace's catalog", () => {
  it("a member connects but may not import: 403 with the reason, no job, nothing in the catalog", async () => {
    const { member, workspaceId } = await team();
    const connection = await connect(member);

    const error = await refusal(startImport(t.db, member, connection.id, testProviders));
    expect(error.code).toBe("forbidden");
    expect(error.message).toBe(
      "You cannot import projects into this workspace (an import adds to its projects and tasks, which managers, admins and owners manage): your role in this workspace is member.",
    );
    expect(importRefusal(member)).toBe(error.message);
    expect(await startFirstImport(t.db, member, connection.id, testProviders)).toBeNull();
    expect(await jobsOf(connection.id)).toEqual([]);

    await scheduleImports(t.db, 0, testProviders);
    expect(await jobsOf(connection.id)).toEqual([]);
    await workOnce(t.db, FAST);
    expect(await catalog(workspaceId)).toEqual({ projects: [], tasks: 0 });
  });

  it("a member's 'Sync now' sends entries without importing", async () => {
    const { member, workspaceId } = await team();
    const connection = await connect(member);
    const job = await startSync(t.db, member, connection.id, testProviders);
    await workOnce(t.db, FAST);
    const [done] = await t.db.select().from(integrationJobs).where(eq(integrationJobs.id, job.id));
    expect(done).toMatchObject({ status: "succeeded", message: "Pushed 0 entries." });
    expect(await catalog(workspaceId)).toEqual({ projects: [], tasks: 0 });
  });

  it("an import queued before a demotion is refused when it runs (the role is read then)", async () => {
    const { manager, workspaceId } = await team();
    const connection = await connect(manager);
    const job = await enqueueJob(t.db, connection, "import_projects", testProviders);
    await t.db.update(workspaceMembers).set({ role: "member" }).where(eq(workspaceMembers.userId, manager.userId));
    await workOnce(t.db, FAST);
    const [failed] = await t.db.select().from(integrationJobs).where(eq(integrationJobs.id, job.id));
    expect(failed.status).toBe("failed");
    expect(failed.message).toMatch(/^You cannot import projects into this workspace .*: your role in this workspace is member\.$/);
    expect(await catalog(workspaceId)).toEqual({ projects: [], tasks: 0 });
  });

  it("a manager imports: right after connecting, on demand and on the schedule", async () => {
    const { manager, workspaceId } = await team();
    expect(importRefusal(manager)).toBeNull();
    const connection = await connect(manager);
    const first = await startFirstImport(t.db, manager, connection.id, testProviders);
    expect(first).toMatchObject({ kind: "import_projects", status: "queued" });
    expect((await startImport(t.db, manager, connection.id, testProviders)).id).toBe(first!.id);
    await workOnce(t.db, FAST);
    expect((await jobsOf(connection.id))[0]).toMatchObject({ status: "succeeded" });
    const imported = await catalog(workspaceId);
    expect(imported.projects.length).toBeGreaterThan(0);
    expect(imported.tasks).toBeGreaterThan(0);

    // A minute later, with imports due every second:
    await t.db.update(integrationJobs).set({ createdAt: new Date(Date.now() - 60_000) }).where(eq(integrationJobs.connectionId, connection.id));
    await t.db.update(integrationConnections).set({ projectsImportedAt: new Date(Date.now() - 60_000) }).where(eq(integrationConnections.id, connection.id));
    await scheduleImports(t.db, 1_000, testProviders);
    expect((await jobsOf(connection.id)).filter((j) => j.status === "queued")).toHaveLength(1);
  });
});
