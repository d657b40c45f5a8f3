import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/db/testing";
import { webhookEvents } from "@/db/schema";
import type { Provider, RemoteProject } from "@/lib/integrations/types";
import { makeUser } from "@/lib/testing/users";
import { insertWebhook } from "@/lib/testing/webhooks";
import { saveConnection } from "../connections";
import { importProjects } from "./import-projects";
import { testRegistry } from "@/e2e/support/sync-engine";
import { apiKeySystem } from "@/e2e/fakes/providers/api-key-provider";

// Projects, clients and tasks an import creates or changes raise the same webhook events as the same
// change made in Stint; an import that finds nothing new raises none (it runs every few minutes).

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.cleanup());

/** A remote system whose catalog the test edits between imports. */
function catalogSystem() {
  const remote = {
    projects: [
      { remoteId: "p-1", name: "Website", status: "active", client: { name: "Acme" } },
      { remoteId: "p-2", name: "Old shop", status: "active" },
    ] as RemoteProject[],
    tasks: { "p-1": [{ remoteId: "t-1", name: "Design", done: false }] } as Record<string, { remoteId: string; name: string; done: boolean }[]>,
  };
  const base = apiKeySystem().provider;
  const provider: Provider<{ account: string }> = {
    ...base,
    import: {
      listProjects: async () => remote.projects.map((p) => ({ ...p })),
      listTasks: async (_ctx, projectId) => (remote.tasks[projectId] ?? []).map((x) => ({ ...x })),
    },
  };
  return { remote, provider };
}

async function eventsOf(workspaceId: number) {
  const rows = await t.db.select().from(webhookEvents).where(eq(webhookEvents.workspaceId, workspaceId)).orderBy(asc(webhookEvents.createdAt), asc(webhookEvents.id));
  return rows.map((e) => `${e.type} ${String(e.data.name)}`);
}

describe("an import raises webhook events for what it creates or changes", () => {
  it("created, then nothing on an unchanged re-import, then updated, archived and completed", async () => {
    const user = await makeUser(t.db);
    await insertWebhook(t.db, user.workspaceId, "https://hooks.example.com/stint");
    const system = catalogSystem();
    const providers = testRegistry([system.provider]);
    const connection = await saveConnection(t.db, user, system.provider, { label: "Catalog", settings: { account: "acme" }, credentials: { apiKey: "k" } });

    expect(await importProjects(t.db, connection, undefined, providers)).toEqual({ projects: 2, tasks: 1 });
    const first = await eventsOf(user.workspaceId);
    expect(first.sort()).toEqual(["client.created Acme", "project.created Old shop", "project.created Website", "task.created Design"].sort());

    await importProjects(t.db, connection, undefined, providers);
    expect(await eventsOf(user.workspaceId)).toHaveLength(4);

    system.remote.projects[0].name = "Website 2027";
    system.remote.projects[1].status = "archived";
    system.remote.tasks["p-1"][0].done = true;
    await importProjects(t.db, connection, undefined, providers);
    const changed = (await eventsOf(user.workspaceId)).slice(4);
    expect(changed.sort()).toEqual(["project.archived Old shop", "project.updated Website 2027", "task.completed Design"].sort());

    // Renaming a task that is already done is an update, not a second completion.
    system.remote.tasks["p-1"][0].name = "Design v2";
    await importProjects(t.db, connection, undefined, providers);
    expect((await eventsOf(user.workspaceId)).slice(7)).toEqual(["task.updated Design v2"]);
  });
});
