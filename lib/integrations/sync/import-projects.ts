import { and, eq, getTableColumns, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { clients, integrationConnections, projects, tasks, type IntegrationConnection } from "@/db/schema";
import { providerOf } from "../connections";
import { builtInProviders, type ProviderRegistry } from "../registry";
import { providerContext } from "../context";
import { logEvent } from "../events";
import { matchMembers, type MemberMatch } from "./member-users";
import { availableProjectName, findProject, serializeProject } from "@/lib/projects/service";
import { serializeTask } from "@/lib/tasks/service";
import { serializeClient } from "@/lib/clients/service";
import { emitEvent } from "@/lib/webhooks/emit";

/** `phase`: "projects" (with their customers as clients), "tasks", "users" (matched to members). */
export type ImportProgress = (done: number, total: number, message: string, phase: string) => Promise<void> | void;

/**
 * Imports the connection's remote projects (and the tasks of active ones) as Stint projects and tasks
 * linked by remote id: new ones are created, known ones renamed and (un)archived. Local edits to colour,
 * rate or client stay. Returns how many projects and tasks it saw.
 *
 * A row is written only when the remote side changed it, so a re-import that finds nothing new leaves
 * `updated_at` (the change feed) alone and raises no webhook event; what it creates or changes raises the
 * same events as the same change made in Stint.
 */
export async function importProjects(db: Db, connection: IntegrationConnection, progress: ImportProgress = () => {}, providers: ProviderRegistry = builtInProviders) {
  const provider = providerOf(connection, providers);
  const capability = provider.import;
  if (!capability) return { projects: 0, tasks: 0 };
  const ctx = providerContext(db, connection, provider);
  const remote = await capability.listProjects(ctx);
  const listTasks = capability.listTasks;
  const withTasks = listTasks ? remote.filter((p) => p.status === "active") : [];
  const listPeople = capability.matchMembers ? capability.listPeople : undefined;
  const total = (remote.length ? 1 + withTasks.length : 1) + (listPeople ? 1 : 0);
  await progress(0, total, `Found ${remote.length} projects.`, "projects");
  for (const p of remote) {
    // A remote name that a local project (of the same client) already has gets " (2)": names are unique per client.
    const [known] = await db
      .select({ id: projects.id, clientId: projects.clientId, status: projects.status })
      .from(projects)
      .where(and(eq(projects.connectionId, connection.id), eq(projects.remoteId, p.remoteId)));
    // A new project gets its remote customer as client; a known one keeps whatever client it has here.
    const clientId = known ? known.clientId : p.client ? await clientNamed(db, connection.workspaceId, p.client.name) : null;
    const name = await availableProjectName(db, connection.workspaceId, clientId, p.name.slice(0, 200), known?.id);
    const [written] = await db
      .insert(projects)
      .values({
        workspaceId: connection.workspaceId,
        connectionId: connection.id,
        remoteId: p.remoteId,
        name,
        clientId,
        description: p.description ?? null,
        status: p.status === "archived" ? "archived" : "active",
      })
      .onConflictDoUpdate({
        target: [projects.connectionId, projects.remoteId],
        targetWhere: sql`${projects.connectionId} is not null`,
        set: { name: sql`excluded.name`, status: sql`excluded.status`, description: sql`excluded.description`, updatedAt: new Date() },
        setWhere: sql`(${projects.name}, ${projects.status}, ${projects.description}) is distinct from (excluded.name, excluded.status, excluded.description)`,
      })
      // xmax is 0 on a row this statement inserted, not on one it updated.
      .returning({ id: projects.id, status: projects.status, inserted: sql<boolean>`xmax = 0` });
    if (written) {
      const type = written.inserted ? "project.created" : written.status === "archived" && known?.status !== "archived" ? "project.archived" : "project.updated";
      await emitEvent(db, connection.workspaceId, type, serializeProject(await findProject(db, connection.workspaceId, written.id)));
    }
  }
  await progress(1, total, `Imported ${remote.length} projects.`, "projects");
  let taskCount = 0;
  for (const [i, p] of withTasks.entries()) {
    const remoteTasks = listTasks ? await listTasks(ctx, p.remoteId) : [];
    const [local] = await db
      .select({ id: projects.id, name: projects.name })
      .from(projects)
      .where(and(eq(projects.connectionId, connection.id), eq(projects.remoteId, p.remoteId)));
    const statusBefore = new Map(
      (await db.select({ remoteId: tasks.remoteId, status: tasks.status }).from(tasks).where(and(eq(tasks.connectionId, connection.id), eq(tasks.projectId, local.id)))).map((r) => [r.remoteId, r.status]),
    );
    for (const t of remoteTasks) {
      const [written] = await db
        .insert(tasks)
        .values({ workspaceId: connection.workspaceId, projectId: local.id, connectionId: connection.id, remoteId: t.remoteId, name: t.name.slice(0, 200), status: t.done ? "done" : "todo" })
        .onConflictDoUpdate({
          target: [tasks.connectionId, tasks.projectId, tasks.remoteId],
          targetWhere: sql`${tasks.connectionId} is not null`,
          set: { name: sql`excluded.name`, status: sql`excluded.status`, updatedAt: new Date() },
          setWhere: sql`(${tasks.name}, ${tasks.status}) is distinct from (excluded.name, excluded.status)`,
        })
        .returning({ ...getTableColumns(tasks), inserted: sql<boolean>`xmax = 0` });
      if (written) {
        const { inserted, ...task } = written;
        const type = inserted ? "task.created" : task.status === "done" && statusBefore.get(t.remoteId) !== "done" ? "task.completed" : "task.updated";
        await emitEvent(db, connection.workspaceId, type, serializeTask({ ...task, projectName: local.name }));
      }
    }
    taskCount += remoteTasks.length;
    await progress(2 + i, total, `Tasks of ${p.name}: ${remoteTasks.length}.`, "tasks");
  }
  let members: MemberMatch | null = null;
  if (listPeople) {
    members = await matchMembers(db, connection, ctx, await listPeople(ctx), provider.label);
    await progress(total, total, `Matched ${members.matched} of ${members.members} members to ${provider.label} users.`, "users");
  }
  await db.update(integrationConnections).set({ projectsImportedAt: new Date() }).where(eq(integrationConnections.id, connection.id));
  await logEvent(db, connection.id, "info", `Imported ${remote.length} projects and ${taskCount} tasks.`);
  return { projects: remote.length, tasks: taskCount, ...(members ? { members } : {}) };
}

/** The workspace's client of that name (names are unique per workspace, any case), created when missing. */
async function clientNamed(db: Db, workspaceId: number, remoteName: string): Promise<number> {
  const name = remoteName.trim().slice(0, 200);
  const find = () => db.select({ id: clients.id }).from(clients).where(and(eq(clients.workspaceId, workspaceId), sql`lower(${clients.name}) = lower(${name})`));
  const [existing] = await find();
  if (existing) return existing.id;
  const [created] = await db.insert(clients).values({ workspaceId, name }).onConflictDoNothing().returning();
  if (created) await emitEvent(db, workspaceId, "client.created", serializeClient({ ...created, projectCount: 0 }));
  return created?.id ?? (await find())[0].id;
}
