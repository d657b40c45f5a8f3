import { and, asc, count, eq, isNotNull, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { clients, projects, type Client } from "@/db/schema";
import { offsetOf, type PageQuery } from "@/lib/api/pagination";
import { changeFeed, feedOrder, type FeedQuery } from "@/lib/changes/feed";
import { AppError, constraintName, parseOrThrow, pgErrorCode } from "@/lib/errors";
import { emitEvent } from "@/lib/webhooks/emit";
import { assertCan, type Actor } from "@/lib/workspaces/policy";
import { createClientSchema, updateClientSchema, type CreateClientInput, type UpdateClientInput } from "./schema";

function nameTaken(error: unknown): never {
  if (pgErrorCode(error) === "23505" && constraintName(error) === "clients_workspace_name_key") {
    throw AppError.validation({ name: ["You already have a client with this name."] });
  }
  throw error;
}

/** A rate as numeric(12,2) text: exact, never a float on its way to the column. */
const rate = (v: number | null | undefined) => (v === undefined ? undefined : v === null ? null : v.toFixed(2));

function columns<T extends { hourly_rate?: number | null }>(data: T) {
  const { hourly_rate, ...rest } = data;
  return { ...rest, hourlyRate: rate(hourly_rate) };
}

export type ClientWithCount = Client & { projectCount: number };

/** Clients with how many projects (of any status) each has: one grouped count joined in, not a query per client. */
function withProjectCount(db: Db, workspaceId: number) {
  const counts = db
    .select({ clientId: projects.clientId, n: count().as("n") })
    .from(projects)
    .where(and(eq(projects.workspaceId, workspaceId), isNotNull(projects.clientId)))
    .groupBy(projects.clientId)
    .as("project_counts");
  return db
    .select({ client: clients, projectCount: sql<number>`coalesce(${counts.n}, 0)::int` })
    .from(clients)
    .leftJoin(counts, eq(counts.clientId, clients.id));
}

const flatten = (r: { client: Client; projectCount: number }): ClientWithCount => ({ ...r.client, projectCount: Number(r.projectCount) });

export async function listClients(db: Db, actor: Actor, q: PageQuery & { include_archived?: boolean }) {
  assertCan(actor, "catalog.read", { workspaceId: actor.workspaceId });
  const where = and(eq(clients.workspaceId, actor.workspaceId), q.include_archived ? undefined : eq(clients.archived, false));
  const [rows, [{ total }]] = await Promise.all([
    withProjectCount(db, actor.workspaceId).where(where).orderBy(asc(sql`lower(${clients.name})`), asc(clients.id)).limit(q.per_page).offset(offsetOf(q)),
    db.select({ total: count() }).from(clients).where(where),
  ]);
  return { items: rows.map(flatten), total };
}

export async function getClientOrThrow(db: Db, actor: Actor, id: number): Promise<ClientWithCount> {
  assertCan(actor, "catalog.read", { workspaceId: actor.workspaceId });
  const [row] = await withProjectCount(db, actor.workspaceId).where(and(eq(clients.id, id), eq(clients.workspaceId, actor.workspaceId))).limit(1);
  if (!row) throw new AppError("not_found", "Client not found.");
  return flatten(row);
}

export async function createClient(db: Db, actor: Actor, input: CreateClientInput): Promise<ClientWithCount> {
  assertCan(actor, "catalog.manage", { workspaceId: actor.workspaceId });
  const data = parseOrThrow(createClientSchema, input);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(clients)
      .values({ workspaceId: actor.workspaceId, ...columns(data) })
      .returning()
      .catch(nameTaken);
    const client = { ...row, projectCount: 0 };
    await emitEvent(tx, actor.workspaceId, "client.created", serializeClient(client));
    return client;
  });
}

export async function updateClient(db: Db, actor: Actor, id: number, input: UpdateClientInput): Promise<ClientWithCount> {
  const data = parseOrThrow(updateClientSchema, input);
  await getClientOrThrow(db, actor, id);
  assertCan(actor, "catalog.manage", { workspaceId: actor.workspaceId });
  if (Object.keys(data).length === 0) return getClientOrThrow(db, actor, id);
  return db.transaction(async (tx) => {
    await tx
      .update(clients)
      .set({ ...columns(data), updatedAt: new Date() })
      .where(and(eq(clients.id, id), eq(clients.workspaceId, actor.workspaceId)))
      .catch(nameTaken);
    const client = await getClientOrThrow(tx, actor, id);
    await emitEvent(tx, actor.workspaceId, "client.updated", serializeClient(client));
    return client;
  });
}

/** Deleting a client keeps its projects (and their time): they just lose the client. */
export async function deleteClient(db: Db, actor: Actor, id: number): Promise<void> {
  await getClientOrThrow(db, actor, id);
  assertCan(actor, "catalog.manage", { workspaceId: actor.workspaceId });
  await db.transaction(async (tx) => {
    await tx.update(projects).set({ clientId: null, updatedAt: new Date() }).where(and(eq(projects.workspaceId, actor.workspaceId), eq(projects.clientId, id)));
    await tx.delete(clients).where(and(eq(clients.id, id), eq(clients.workspaceId, actor.workspaceId)));
    await emitEvent(tx, actor.workspaceId, "client.deleted", { id, deleted: true });
  });
}

export function serializeClient(c: ClientWithCount) {
  return {
    id: c.id,
    name: c.name,
    email: c.email,
    company: c.company,
    phone: c.phone,
    hourly_rate: c.hourlyRate == null ? null : Number(c.hourlyRate),
    archived: c.archived,
    status: c.archived ? "archived" : "active",
    /** How many of the workspace's projects (any status) belong to this client. */
    project_count: c.projectCount,
    created_at: c.createdAt.toISOString(),
    updated_at: c.updatedAt.toISOString(),
  };
}

/** The clients feed (updated_since, then cursor): clients of the workspace that changed, archived ones included. */
export async function listClientChanges(db: Db, actor: Actor, q: FeedQuery) {
  assertCan(actor, "catalog.read", { workspaceId: actor.workspaceId });
  return changeFeed(db, "clients", q, {
    workspaceId: actor.workspaceId,
    rows: async (changed, limit) =>
      (await withProjectCount(db, actor.workspaceId).where(and(eq(clients.workspaceId, actor.workspaceId), changed(clients))).orderBy(...feedOrder(clients)).limit(limit)).map(flatten),
    position: (c) => c,
  });
}
