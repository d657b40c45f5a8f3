import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { clients, integrationConnections, projects, tasks, type IntegrationConnection } from "@/db/schema";
import { providerOf } from "../connections";
import { builtInProviders, type ProviderRegistry } from "../registry";
import { providerContext } from "../context";
import { logEvent } from "../events";
import { matchMembers, type MemberMatch } from "./member-users";
import { availableProjectName } from "@/lib/projects/service";

/** `phase`: "projects" (with their customers as clients), "tasks", "users" (matched to members). */
export type ImportProgress = (done: number, total: number, message: string, phase: string) => Promise<void> | void;

/**
 * Imports the connection's remote projects (and the tasks of active ones) as Stint projects and tasks
 * linked by remote id: new ones are created, known ones renamed and (un)archived. Local edits to colour,
 * rate or client stay. Returns how many projects and tasks it saw.
 */
export async function importProjects(db: Db, connection: IntegrationConnection, progress: ImportProgress = () => {}, providers: ProviderRegistry = builtInProviders) {
  const provider = providerOf(connection, providers);
  const capability = provider.import;
  if (!capability) return { projects: 0, tasks: 0 };
  const ctx = providerContext(db, connection, provider);
  const remote = await capability.listProjects(ctx);
  const listTasks = capability.listTasks;
  const withTasks = listTasks ? remote.filter((p) => p.status === "active") : [];
  const people = capability.matchMembers && capability.listPeople ? 1 : 0;
  const total = (remote.length ? 1 + withTasks.length : 1) + people;
  await progress(0, total, `Found ${remote.length} projects.`, "projects");
  for (const p of remote) {
    // A remote name that a local project (of the same client) already has gets " (2)": names are unique per client.
    const [known] = await db
      .select({ id: projects.id, clientId: projects.clientId })
      .from(projects)
      .where(and(eq(projects.connectionId, connection.id), eq(projects.remoteId, p.remoteId)));
    // A new project gets its remote customer as client; a known one keeps whatever client it has here.
    const clientId = known ? known.clientId : p.client ? await clientNamed(db, connection.workspaceId, p.client.name) : null;
    const name = await availableProjectName(db, connection.workspaceId, clientId, p.name.slice(0, 200), known?.id);
    await db
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
      });
  }
  await progress(1, total, `Imported ${remote.length} projects.`, "projects");
  let taskCount = 0;
  for (const [i, p] of withTasks.entries()) {
    const remoteTasks = listTasks ? await listTasks(ctx, p.remoteId) : [];
    const [local] = await db
      .select({ id: projects.id })
      .from(projects)
      .where(and(eq(projects.connectionId, connection.id), eq(projects.remoteId, p.remoteId)));
    for (const t of remoteTasks) {
      await db
        .insert(tasks)
        .values({ workspaceId: connection.workspaceId, projectId: local.id, connectionId: connection.id, remoteId: t.remoteId, name: t.name.slice(0, 200), status: t.done ? "done" : "todo" })
        .onConflictDoUpdate({
          target: [tasks.connectionId, tasks.projectId, tasks.remoteId],
          targetWhere: sql`${tasks.connectionId} is not null`,
          set: { name: sql`excluded.name`, status: sql`excluded.status`, updatedAt: new Date() },
        });
    }
    taskCount += remoteTasks.length;
    await progress(2 + i, total, `Tasks of ${p.name}: ${remoteTasks.length}.`, "tasks");
  }
  let members: MemberMatch | null = null;
  if (people) {
    members = await matchMembers(db, connection, ctx, await capability.listPeople!(ctx), provider.label);
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
  const [created] = await db.insert(clients).values({ workspaceId, name }).onConflictDoNothing().returning({ id: clients.id });
  return created?.id ?? (await find())[0].id;
}
