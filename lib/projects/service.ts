import { and, asc, count, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db";
import { clients, integrationConnections, projectMemberRates, projectMembers, projects, workspaceMembers, type Project } from "@/db/schema";
import { offsetOf } from "@/lib/api/pagination";
import { changeFeed, feedOrder } from "@/lib/changes/feed";
import { AppError, constraintName, parseOrThrow, pgErrorCode } from "@/lib/errors";
import { emitEvent } from "@/lib/webhooks/emit";
import { assertCan, canSeeProject, type Actor } from "@/lib/workspaces/policy";
import { visibleProjects, visibleTombstones } from "./visibility";
import { createProjectSchema, updateProjectSchema, type CreateProjectInput, type ListProjectsQuery, type UpdateProjectInput } from "./schema";

export type MemberRate = { user_id: number; hourly_rate: number };
export type ProjectWithClient = Project & { clientName: string | null; provider?: string | null; memberIds: number[]; memberRates?: MemberRate[] };

const PALETTE = ["#6366f1", "#0ea5e9", "#10b981", "#f59e0b", "#ef4444", "#8b5cf6", "#ec4899", "#14b8a6", "#f97316", "#84cc16"];

const withClient = (db: Db) =>
  db
    .select({
      project: projects,
      clientName: clients.name,
      provider: integrationConnections.provider,
      memberIds: sql<number[]>`coalesce((select array_agg(pm.user_id order by pm.user_id) from project_members pm where pm.project_id = ${projects.id}), '{}')`,
      memberRates: sql<MemberRate[]>`coalesce((select json_agg(json_build_object('user_id', r.user_id, 'hourly_rate', r.hourly_rate::text) order by r.user_id) from project_member_rates r where r.project_id = ${projects.id}), '[]')`,
    })
    .from(projects)
    .leftJoin(clients, and(eq(clients.id, projects.clientId), eq(clients.workspaceId, projects.workspaceId)))
    .leftJoin(integrationConnections, and(eq(integrationConnections.id, projects.connectionId), eq(integrationConnections.workspaceId, projects.workspaceId)));

const flatten = (r: { project: Project; clientName: string | null; provider: string | null; memberIds: number[]; memberRates: MemberRate[] | string }): ProjectWithClient => ({
  ...r.project,
  clientName: r.clientName,
  provider: r.provider,
  memberIds: (r.memberIds ?? []).map(Number),
  // json from postgres.js arrives parsed, from PGlite too; text only if a driver leaves it so.
  memberRates: (typeof r.memberRates === "string" ? (JSON.parse(r.memberRates) as MemberRate[]) : (r.memberRates ?? [])).map((m) => ({ user_id: Number(m.user_id), hourly_rate: Number(m.hourly_rate) })),
});

/** The members a private project is assigned to: members of the workspace, else a field error. */
async function assertMembers(db: Db, workspaceId: number, userIds: number[] | undefined, field = "member_ids") {
  if (!userIds?.length) return;
  const found = await db
    .select({ userId: workspaceMembers.userId })
    .from(workspaceMembers)
    .where(and(eq(workspaceMembers.workspaceId, workspaceId), inArray(workspaceMembers.userId, userIds)));
  const known = new Set(found.map((m) => m.userId));
  const unknown = [...new Set(userIds)].filter((id) => !known.has(id));
  if (unknown.length) throw AppError.validation({ [field]: [`Not members of this workspace: ${unknown.join(", ")}.`] });
}

/** Replaces a project's member rates (undefined: leaves them); each member must be the workspace's (checked by assertMembers). */
async function replaceMemberRates(db: Db, workspaceId: number, projectId: number, rates: { user_id: number; hourly_rate: number }[] | undefined) {
  if (rates === undefined) return;
  await db.delete(projectMemberRates).where(and(eq(projectMemberRates.workspaceId, workspaceId), eq(projectMemberRates.projectId, projectId)));
  if (rates.length) await db.insert(projectMemberRates).values(rates.map((r) => ({ workspaceId, projectId, userId: r.user_id, hourlyRate: r.hourly_rate.toFixed(2) })));
}

async function replaceMembers(db: Db, workspaceId: number, projectId: number, userIds: number[] | undefined) {
  if (userIds === undefined) return;
  await db.delete(projectMembers).where(and(eq(projectMembers.workspaceId, workspaceId), eq(projectMembers.projectId, projectId)));
  const unique = [...new Set(userIds)];
  if (unique.length) await db.insert(projectMembers).values(unique.map((userId) => ({ workspaceId, projectId, userId })));
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

// Fuzzy matches below this pg_trgm word similarity are noise: "wesbite" vs "website redesign" is 0.33,
// vs "weekly review" 0.25. Queries shorter than FUZZY_MIN_LENGTH match by substring only: "web" is as
// similar to "weekly" as to "website". Fuzzy matches always rank after real ones.
const FUZZY_THRESHOLD = 0.3;
const FUZZY_MIN_LENGTH = 4;

/** 0 exact, 1 prefix, 2 a word starts with it, 3 contains it, 4 only similar (a typo): lower is better. */
function matchRank(q: string): SQL<number> {
  const like = escapeLike(q);
  return sql<number>`case
    when lower(${projects.name}) = ${q} then 0
    when lower(${projects.name}) like ${like + "%"} then 1
    when lower(${projects.name}) ~ ${"\\m" + q.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} then 2
    when lower(${projects.name}) like ${"%" + like + "%"} then 3
    else 4 end`;
}

/** Names that contain the query, or are close to it (pg_trgm word similarity: typos, missing letters). */
function nameMatches(q: string): SQL {
  const contains = sql`lower(${projects.name}) like ${"%" + escapeLike(q) + "%"}`;
  if (q.length < FUZZY_MIN_LENGTH) return contains;
  return sql`(${contains} or word_similarity(${q}, lower(${projects.name})) >= ${FUZZY_THRESHOLD})`;
}

/** The workspace's projects the actor may see (private ones only for their members, owners and admins). */
export async function listProjects(db: Db, actor: Actor, q: ListProjectsQuery) {
  assertCan(actor, "catalog.read", { workspaceId: actor.workspaceId });
  const status = q.status && q.status !== "all" ? eq(projects.status, q.status) : undefined;
  const query = q.query?.toLowerCase();
  const search = query ? nameMatches(query) : undefined;
  const where = and(eq(projects.workspaceId, actor.workspaceId), visibleProjects(actor), status, q.client_id ? eq(projects.clientId, q.client_id) : undefined, search);
  const order = query
    ? [asc(matchRank(query)), desc(sql`word_similarity(${query}, lower(${projects.name}))`), asc(sql`length(${projects.name})`), asc(sql`lower(${projects.name})`), asc(projects.id)]
    : [asc(sql`lower(${projects.name})`), asc(projects.id)];
  const perPage = q.limit ?? q.per_page;
  const [rows, [{ total }]] = await Promise.all([
    withClient(db).where(where).orderBy(...order).limit(perPage).offset(q.limit ? 0 : offsetOf(q)),
    db.select({ total: count() }).from(projects).where(where),
  ]);
  return { items: rows.map(flatten), total };
}

export async function getProjectOrThrow(db: Db, actor: Actor, id: number): Promise<ProjectWithClient> {
  assertCan(actor, "catalog.read", { workspaceId: actor.workspaceId });
  const [row] = await withClient(db).where(and(eq(projects.id, id), eq(projects.workspaceId, actor.workspaceId), visibleProjects(actor))).limit(1);
  if (!row) throw new AppError("not_found", "Project not found.");
  return flatten(row);
}

/**
 * A project as committed, read in the transaction that changed it (for the answer and the webhook event),
 * then checked against what the actor may see, as getProjectOrThrow would after the commit.
 */
export async function findProject(db: Db, workspaceId: number, id: number): Promise<ProjectWithClient> {
  const [row] = await withClient(db).where(and(eq(projects.id, id), eq(projects.workspaceId, workspaceId))).limit(1);
  return flatten(row);
}

function visibleOrThrow(actor: Actor, project: ProjectWithClient): ProjectWithClient {
  if (!canSeeProject(actor, project)) throw new AppError("not_found", "Project not found.");
  return project;
}

/** An id sent in a body that must name one of the workspace's clients (else: as if it did not exist). */
async function assertClient(db: Db, workspaceId: number, clientId: number | null | undefined) {
  if (clientId == null) return;
  const [row] = await db.select({ id: clients.id }).from(clients).where(and(eq(clients.id, clientId), eq(clients.workspaceId, workspaceId))).limit(1);
  if (!row) throw AppError.validation({ client_id: ["No such client."] });
}

/** Projects of one client (or without a client) are told apart by name, whatever its case. */
const sameClientAndName = (workspaceId: number, clientId: number | null, name: string) =>
  and(eq(projects.workspaceId, workspaceId), sql`coalesce(${projects.clientId}, 0) = ${clientId ?? 0}`, sql`lower(${projects.name}) = lower(${name})`);

function nameTakenError(name: string, clientId: number | null): AppError {
  const message = clientId == null ? `There is already a project “${name}” without a client.` : `There is already a project “${name}” for this client.`;
  return new AppError("conflict", message, { fields: { name: [`${message} Choose another name.`] } });
}

/** A friendly field error before writing; the unique index projects_workspace_client_name_key decides races. */
async function assertNameFree(db: Db, workspaceId: number, clientId: number | null, name: string, exceptId?: number) {
  const [taken] = await db
    .select({ name: projects.name })
    .from(projects)
    .where(and(sameClientAndName(workspaceId, clientId, name), exceptId ? sql`${projects.id} <> ${exceptId}` : undefined))
    .limit(1);
  if (taken) throw nameTakenError(taken.name, clientId);
}

const whenNameTaken = (name: string, clientId: number | null) => (error: unknown): never => {
  if (pgErrorCode(error) === "23505" && constraintName(error) === "projects_workspace_client_name_key") throw nameTakenError(name, clientId);
  throw error;
};

/**
 * `name`, or "name (2)", "name (3)"... whichever no other project of this client has: for projects named
 * elsewhere (an import), which must not fail because a local project has the same name.
 */
export async function availableProjectName(db: Db, workspaceId: number, clientId: number | null, name: string, exceptId?: number): Promise<string> {
  const rows = await db
    .select({ name: sql<string>`lower(${projects.name})` })
    .from(projects)
    .where(and(eq(projects.workspaceId, workspaceId), sql`coalesce(${projects.clientId}, 0) = ${clientId ?? 0}`, exceptId ? sql`${projects.id} <> ${exceptId}` : undefined));
  const taken = new Set(rows.map((r) => r.name));
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? "" : ` (${n})`;
    const candidate = name.slice(0, 200 - suffix.length) + suffix;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}

const numeric = (v: number | null | undefined) => (v == null ? v : String(v));

export async function createProject(db: Db, actor: Actor, input: CreateProjectInput): Promise<ProjectWithClient> {
  assertCan(actor, "catalog.manage", { workspaceId: actor.workspaceId });
  const data = parseOrThrow(createProjectSchema, input);
  const workspaceId = actor.workspaceId;
  await assertClient(db, workspaceId, data.client_id);
  await assertNameFree(db, workspaceId, data.client_id ?? null, data.name);
  // A manager making a private project is on it: else they could not see what they made.
  const memberIds =
    data.private && !canSeeProject(actor, { workspaceId, private: true, memberIds: data.member_ids ?? [] }) ? [...(data.member_ids ?? []), actor.userId] : data.member_ids;
  await assertMembers(db, workspaceId, memberIds);
  await assertMembers(db, workspaceId, data.member_rates?.map((r) => r.user_id), "member_rates");
  const color = data.color ?? PALETTE[(await db.$count(projects, eq(projects.workspaceId, workspaceId))) % PALETTE.length];
  const row = await db.transaction(async (tx) => {
    const [created] = await tx
    .insert(projects)
    .values({
      workspaceId,
      private: data.private ?? false,
      name: data.name,
      description: data.description ?? null,
      clientId: data.client_id ?? null,
      hourlyRate: numeric(data.hourly_rate) ?? null,
      estimatedHours: numeric(data.estimated_hours) ?? null,
      budgetAmount: numeric(data.budget_amount) ?? null,
      status: data.status ?? "active",
      billable: data.billable ?? true,
      color,
    })
    .returning()
    .catch(whenNameTaken(data.name, data.client_id ?? null));
    await replaceMembers(tx, workspaceId, created.id, memberIds);
    await replaceMemberRates(tx, workspaceId, created.id, data.member_rates);
    const project = await findProject(tx, workspaceId, created.id);
    await emitEvent(tx, workspaceId, "project.created", serializeProject(project));
    return project;
  });
  return visibleOrThrow(actor, row);
}

export async function updateProject(db: Db, actor: Actor, id: number, input: UpdateProjectInput): Promise<ProjectWithClient> {
  const data = parseOrThrow(updateProjectSchema, input);
  const current = await getProjectOrThrow(db, actor, id);
  assertCan(actor, "catalog.manage", { workspaceId: actor.workspaceId });
  const workspaceId = actor.workspaceId;
  await assertClient(db, workspaceId, data.client_id);
  await assertMembers(db, workspaceId, data.member_ids);
  await assertMembers(db, workspaceId, data.member_rates?.map((r) => r.user_id), "member_rates");
  const name = data.name ?? current.name;
  const clientId = data.client_id === undefined ? current.clientId : data.client_id;
  if (name.toLowerCase() !== current.name.toLowerCase() || clientId !== current.clientId) await assertNameFree(db, workspaceId, clientId, name, id);
  const set: Partial<typeof projects.$inferInsert> = {
    name: data.name,
    description: data.description,
    clientId: data.client_id,
    hourlyRate: numeric(data.hourly_rate),
    estimatedHours: numeric(data.estimated_hours),
    budgetAmount: numeric(data.budget_amount),
    status: data.status,
    billable: data.billable,
    color: data.color,
    private: data.private,
  };
  for (const key of Object.keys(set) as (keyof typeof set)[]) if (set[key] === undefined) delete set[key];
  const changes = Object.keys(set).length > 0 || data.member_ids !== undefined || data.member_rates !== undefined;
  const row = await db.transaction(async (tx) => {
    if (Object.keys(set).length) {
      await tx
        .update(projects)
        .set({ ...set, updatedAt: new Date() })
        .where(and(eq(projects.id, id), eq(projects.workspaceId, workspaceId)))
        .catch(whenNameTaken(name, clientId));
    }
    await replaceMembers(tx, workspaceId, id, data.member_ids);
    await replaceMemberRates(tx, workspaceId, id, data.member_rates);
    const project = await findProject(tx, workspaceId, id);
    if (changes) {
      const archived = project.status === "archived" && current.status !== "archived";
      await emitEvent(tx, workspaceId, archived ? "project.archived" : "project.updated", serializeProject(project));
    }
    return project;
  });
  return visibleOrThrow(actor, row);
}

/** DELETE archives: a project's time stays in reports. */
export function archiveProject(db: Db, actor: Actor, id: number) {
  return updateProject(db, actor, id, { status: "archived" });
}

export function serializeProject(p: ProjectWithClient) {
  return {
    id: p.id,
    workspace_id: p.workspaceId,
    /** Private: only its members (and the workspace's owners and admins) see it and book on it. */
    private: p.private,
    /** Who may see and book on it when private (besides owners and admins). */
    member_ids: p.memberIds,
    name: p.name,
    description: p.description,
    client_id: p.clientId,
    client: p.clientName,
    hourly_rate: p.hourlyRate == null ? null : Number(p.hourlyRate),
    estimated_hours: p.estimatedHours == null ? null : Number(p.estimatedHours),
    budget_amount: p.budgetAmount == null ? null : Number(p.budgetAmount),
    /** Members' own rates on it: the first of the rate precedence. */
    member_rates: p.memberRates ?? [],
    status: p.status,
    billable: p.billable,
    color: p.color,
    /** Set when the project was imported from an integration (e.g. Zoho Projects). */
    integration: p.connectionId != null && p.remoteId != null ? { connection_id: p.connectionId, provider: p.provider ?? null, remote_id: p.remoteId } : null,
    created_at: p.createdAt.toISOString(),
    updated_at: p.updatedAt.toISOString(),
  };
}

/** The projects feed (updated_since, then cursor): projects the actor may see that changed, oldest change first. */
export async function listProjectChanges(db: Db, actor: Actor, q: ListProjectsQuery) {
  assertCan(actor, "catalog.read", { workspaceId: actor.workspaceId });
  return changeFeed(db, "projects", q, {
    workspaceId: actor.workspaceId,
    audience: visibleTombstones(actor),
    rows: async (changed, limit) =>
      (await withClient(db).where(and(eq(projects.workspaceId, actor.workspaceId), visibleProjects(actor), changed(projects))).orderBy(...feedOrder(projects)).limit(limit)).map(flatten),
    position: (p) => p,
  });
}
