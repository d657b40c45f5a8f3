import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { integrationConnections, projects, tasks, type IntegrationConnection } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { sealCredentials } from "./credentials";
import { builtInProviders, type ProviderRegistry } from "./registry";
import type { ConnectResult, Provider } from "./types";
import { assertCan, type Actor } from "@/lib/workspaces/policy";

// A connection holds one member's personal credentials in one workspace: only that member reaches it.
const own = (actor: Actor) => and(eq(integrationConnections.workspaceId, actor.workspaceId), eq(integrationConnections.userId, actor.userId));

/** Stores a new connection; its credentials are sealed with the row's own id as authenticated data. */
export async function saveConnection(db: Db, actor: Actor, provider: Provider, result: ConnectResult<unknown>): Promise<IntegrationConnection> {
  assertCan(actor, "integration.connect", { workspaceId: actor.workspaceId, ownerId: actor.userId });
  const settings = provider.settingsSchema.parse(result.settings) as Record<string, unknown>;
  // A provider that pushes nothing receives nothing; one that does starts with its own rule.
  const routing = provider.push?.defaultRouting ?? "none";
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(integrationConnections)
      .values({ workspaceId: actor.workspaceId, userId: actor.userId, provider: provider.name, label: result.label.slice(0, 200), settings, credentials: "", routing })
      .returning();
    const [sealed] = await tx
      .update(integrationConnections)
      .set({ credentials: sealCredentials(row.id, result.credentials) })
      .where(eq(integrationConnections.id, row.id))
      .returning();
    return sealed;
  });
}

/** Replaces the credentials of a connection (a reconnect) and makes it active again. */
export async function replaceCredentials(db: Db, connection: IntegrationConnection, result: ConnectResult<unknown>): Promise<void> {
  await db
    .update(integrationConnections)
    .set({
      credentials: sealCredentials(connection.id, result.credentials),
      credentialsVersion: sql`${integrationConnections.credentialsVersion} + 1`,
      status: "active",
      lastError: null,
      label: result.label.slice(0, 200),
      updatedAt: new Date(),
    })
    .where(eq(integrationConnections.id, connection.id));
}

export async function listConnections(db: Db, actor: Actor): Promise<IntegrationConnection[]> {
  assertCan(actor, "integration.connect", { workspaceId: actor.workspaceId, ownerId: actor.userId });
  return db.select().from(integrationConnections).where(own(actor)).orderBy(asc(integrationConnections.id));
}

export async function getConnectionOrThrow(db: Db, actor: Actor, id: number): Promise<IntegrationConnection> {
  assertCan(actor, "integration.connect", { workspaceId: actor.workspaceId, ownerId: actor.userId });
  const [row] = await db
    .select()
    .from(integrationConnections)
    .where(and(eq(integrationConnections.id, id), own(actor)))
    .limit(1);
  if (!row) throw new AppError("not_found", "Integration not found.");
  return row;
}

export function providerOf(connection: Pick<IntegrationConnection, "provider">, providers: ProviderRegistry = builtInProviders): Provider {
  const provider = providers.get(connection.provider);
  if (!provider) throw new AppError("not_found", `Unknown integration "${connection.provider}". Known: ${providers.all().map((p) => p.name).join(", ")}.`);
  return provider;
}

/**
 * Disconnects: the credentials and the sync state go, the person's projects, tasks and entries stay (as
 * local ones). Remote logs already pushed are left where they are.
 */
export async function disconnect(db: Db, actor: Actor, id: number): Promise<void> {
  await getConnectionOrThrow(db, actor, id);
  const workspaceId = actor.workspaceId;
  await db.transaction(async (tx) => {
    await tx.update(tasks).set({ connectionId: null, remoteId: null }).where(and(eq(tasks.workspaceId, workspaceId), eq(tasks.connectionId, id)));
    await tx.update(projects).set({ connectionId: null, remoteId: null }).where(and(eq(projects.workspaceId, workspaceId), eq(projects.connectionId, id)));
    await tx.delete(integrationConnections).where(and(eq(integrationConnections.id, id), own(actor)));
  });
}

export async function markConnectionError(db: Db, connectionId: number, message: string): Promise<void> {
  await db
    .update(integrationConnections)
    .set({ status: "error", lastError: message, lastErrorAt: new Date(), updatedAt: new Date() })
    .where(eq(integrationConnections.id, connectionId));
}
