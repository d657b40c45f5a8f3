import { and, asc, count, eq, isNotNull, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { clients, projects, type Client } from "@/db/schema";
import { offsetOf, type PageQuery } from "@/lib/api/pagination";
import { AppError, constraintName, parseOrThrow, pgErrorCode } from "@/lib/errors";
import { createClientSchema, updateClientSchema, type CreateClientInput, type UpdateClientInput } from "./schema";

function nameTaken(error: unknown): never {
  if (pgErrorCode(error) === "23505" && constraintName(error) === "clients_user_name_key") {
    throw AppError.validation({ name: ["You already have a client with this name."] });
  }
  throw error;
}

export type ClientWithCount = Client & { projectCount: number };

/** Clients with how many projects (of any status) each has: one grouped count joined in, not a query per client. */
function withProjectCount(db: Db, userId: number) {
  const counts = db
    .select({ clientId: projects.clientId, n: count().as("n") })
    .from(projects)
    .where(and(eq(projects.userId, userId), isNotNull(projects.clientId)))
    .groupBy(projects.clientId)
    .as("project_counts");
  return db
    .select({ client: clients, projectCount: sql<number>`coalesce(${counts.n}, 0)::int` })
    .from(clients)
    .leftJoin(counts, eq(counts.clientId, clients.id));
}

const flatten = (r: { client: Client; projectCount: number }): ClientWithCount => ({ ...r.client, projectCount: Number(r.projectCount) });

export async function listClients(db: Db, userId: number, q: PageQuery & { include_archived?: boolean }) {
  const where = and(eq(clients.userId, userId), q.include_archived ? undefined : eq(clients.archived, false));
  const [rows, [{ total }]] = await Promise.all([
    withProjectCount(db, userId).where(where).orderBy(asc(sql`lower(${clients.name})`), asc(clients.id)).limit(q.per_page).offset(offsetOf(q)),
    db.select({ total: count() }).from(clients).where(where),
  ]);
  return { items: rows.map(flatten), total };
}

export async function getClientOrThrow(db: Db, userId: number, id: number): Promise<ClientWithCount> {
  const [row] = await withProjectCount(db, userId).where(and(eq(clients.id, id), eq(clients.userId, userId))).limit(1);
  if (!row) throw new AppError("not_found", "Client not found.");
  return flatten(row);
}

export async function createClient(db: Db, userId: number, input: CreateClientInput): Promise<ClientWithCount> {
  const data = parseOrThrow(createClientSchema, input);
  const [row] = await db
    .insert(clients)
    .values({ userId, ...data })
    .returning()
    .catch(nameTaken);
  return { ...row, projectCount: 0 };
}

export async function updateClient(db: Db, userId: number, id: number, input: UpdateClientInput): Promise<ClientWithCount> {
  const data = parseOrThrow(updateClientSchema, input);
  await getClientOrThrow(db, userId, id);
  if (Object.keys(data).length > 0) {
    await db
      .update(clients)
      .set({ ...data, updatedAt: new Date() })
      .where(and(eq(clients.id, id), eq(clients.userId, userId)))
      .catch(nameTaken);
  }
  return getClientOrThrow(db, userId, id);
}

/** Deleting a client keeps its projects (and their time): they just lose the client. */
export async function deleteClient(db: Db, userId: number, id: number): Promise<void> {
  await getClientOrThrow(db, userId, id);
  await db.transaction(async (tx) => {
    await tx.update(projects).set({ clientId: null, updatedAt: new Date() }).where(and(eq(projects.userId, userId), eq(projects.clientId, id)));
    await tx.delete(clients).where(and(eq(clients.id, id), eq(clients.userId, userId)));
  });
}

export function serializeClient(c: ClientWithCount) {
  return {
    id: c.id,
    name: c.name,
    email: c.email,
    company: c.company,
    phone: c.phone,
    archived: c.archived,
    status: c.archived ? "archived" : "active",
    /** How many of the user's projects (any status) belong to this client. */
    project_count: c.projectCount,
    created_at: c.createdAt.toISOString(),
    updated_at: c.updatedAt.toISOString(),
  };
}
