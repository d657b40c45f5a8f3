import { and, asc, count, eq, gte, lte, min, ne } from "drizzle-orm";
import type { Db } from "@/db";
import { activityBuckets, integrationConnections, suggestionMappings, suggestionSettings, suggestions, type Suggestion } from "@/db/schema";
import { offsetOf } from "@/lib/api/pagination";
import { getEntryOrThrow, createEntry } from "@/lib/entries/service";
import type { EntryRow } from "@/lib/entries/queries";
import { AppError, parseOrThrow } from "@/lib/errors";
import { getProjectOrThrow } from "@/lib/projects/service";
import { getTaskOrThrow } from "@/lib/tasks/service";
import { addCalendarDays } from "@/lib/time/calendar";
import { todayIn } from "@/lib/time/period";
import type { MemberActor } from "@/lib/workspaces/actor";
import { assertCan } from "@/lib/workspaces/policy";
import { rebuildDays } from "./process";
import { readMappingRows, readRules } from "./settings";
import {
  acceptSuggestionSchema,
  bulkAcceptSchema,
  listSuggestionsQuery,
  suggestionRulesSchema,
  type AcceptSuggestionInput,
  type BulkAcceptInput,
  type ListSuggestionsQuery,
  type SuggestionRulesInput,
} from "./schema";

// A member's review of their suggestions: only their own, in the workspace they act in (another member's
// suggestion is a 404, whatever the role: suggestions are personal, like the connection they came from).

export { serializeSuggestion } from "./serialize";

const NOT_FOUND = "Suggestion not found.";
const mine = (actor: MemberActor) => and(eq(suggestions.workspaceId, actor.workspaceId), eq(suggestions.userId, actor.userId));

async function lockSuggestionOrThrow(db: Db, actor: MemberActor, id: number): Promise<Suggestion> {
  const [s] = await db
    .select()
    .from(suggestions)
    .where(and(eq(suggestions.id, id), mine(actor)))
    .for("update");
  if (!s) throw new AppError("not_found", NOT_FOUND);
  assertCan(actor, "entry.write", { workspaceId: s.workspaceId, ownerId: s.userId }, NOT_FOUND);
  return s;
}

export async function listSuggestions(db: Db, actor: MemberActor, input: Partial<ListSuggestionsQuery> = {}) {
  const q = parseOrThrow(listSuggestionsQuery, input);
  const where = and(mine(actor), eq(suggestions.status, q.status), q.from ? gte(suggestions.day, q.from) : undefined, q.to ? lte(suggestions.day, q.to) : undefined);
  const [items, [{ total }]] = await Promise.all([
    db.select().from(suggestions).where(where).orderBy(asc(suggestions.startAt), asc(suggestions.id)).limit(q.per_page).offset(offsetOf(q)),
    db.select({ total: count() }).from(suggestions).where(where),
  ]);
  return { items, total: Number(total), page: q.page, per_page: q.per_page };
}

/** How many suggestions wait for the actor (the navigation's badge). */
export async function pendingCount(db: Db, actor: MemberActor): Promise<number> {
  const [{ n }] = await db.select({ n: count() }).from(suggestions).where(and(mine(actor), eq(suggestions.status, "pending")));
  return Number(n);
}

/** The field a mapping made from this suggestion matches: its key is an activity's name, or else a category. */
const fieldOf = (s: Suggestion) => (s.activities.some((a) => a.name === s.groupKey) ? ("activity" as const) : ("category" as const));

type MappingTarget = { projectId: number | null; taskId: number | null; tags: string[]; billable: boolean | null };

/** "Always do this": a first mapping rule (this suggestion's activity or category → the target), applied at
 *  once to the other pending suggestions of that key; it replaces an earlier rule for the same key. */
async function rememberMapping(tx: Db, actor: MemberActor, s: Suggestion, target: MappingTarget): Promise<void> {
  if (target.projectId == null) throw AppError.validation({ always: ["Choose a project to always use for this."] });
  const { projectId, taskId, tags, billable } = target;
  const [{ first }] = await tx
    .select({ first: min(suggestionMappings.position) })
    .from(suggestionMappings)
    .where(and(eq(suggestionMappings.workspaceId, actor.workspaceId), eq(suggestionMappings.userId, actor.userId)));
  // Asked again for the same activity, it replaces that rule (the newest choice wins) instead of adding a
  // second one that the first would shadow.
  const field = fieldOf(s);
  await tx
    .delete(suggestionMappings)
    .where(and(eq(suggestionMappings.workspaceId, actor.workspaceId), eq(suggestionMappings.userId, actor.userId), eq(suggestionMappings.field, field), eq(suggestionMappings.pattern, s.groupKey)));
  await tx.insert(suggestionMappings).values({ workspaceId: actor.workspaceId, userId: actor.userId, position: (first ?? 1) - 1, field, pattern: s.groupKey, projectId, taskId, tags, billable });
  await tx
    .update(suggestions)
    .set({ projectId, taskId, tags, billable, updatedAt: new Date() })
    .where(and(mine(actor), eq(suggestions.status, "pending"), eq(suggestions.groupKey, s.groupKey), ne(suggestions.id, s.id)));
}

async function acceptLocked(tx: Db, actor: MemberActor, s: Suggestion, input: AcceptSuggestionInput): Promise<EntryRow> {
  const o = parseOrThrow(acceptSuggestionSchema, input);
  if (s.status === "accepted" && s.timeEntryId) {
    const done = await getEntryOrThrow(tx, actor, s.timeEntryId);
    // "Always do this" offered after the accept: the rule takes what the entry was accepted as.
    if (o.always) await rememberMapping(tx, actor, s, { projectId: done.entry.projectId, taskId: done.entry.taskId, tags: done.tags, billable: done.entry.billable });
    return done;
  }
  const projectId = o.project_id !== undefined ? o.project_id : s.projectId;
  const taskId = o.task_id !== undefined ? o.task_id : o.project_id !== undefined && o.project_id !== s.projectId ? null : s.taskId;
  const tags = o.tags ?? s.tags;
  const billable = o.billable ?? s.billable ?? undefined;
  const entry = await createEntry(
    tx,
    actor,
    { notes: o.notes ?? s.notes, project_id: projectId, task_id: taskId, tags, billable, start_time: o.start_time ?? s.startAt.toISOString(), end_time: o.end_time ?? s.endAt.toISOString() },
    { source: "import" },
  );
  await tx.update(suggestions).set({ status: "accepted", timeEntryId: entry.entry.id, decidedAt: new Date(), updatedAt: new Date() }).where(eq(suggestions.id, s.id));
  if (o.always) await rememberMapping(tx, actor, s, { projectId: projectId ?? null, taskId: taskId ?? null, tags, billable: billable ?? null });
  return entry;
}

/** Accept: the suggestion becomes a time entry (with the person's changes); accepting again returns that entry. */
export async function acceptSuggestion(db: Db, actor: MemberActor, id: number, input: AcceptSuggestionInput = {}): Promise<EntryRow> {
  return db.transaction(async (tx) => acceptLocked(tx, actor, await lockSuggestionOrThrow(tx, actor, id), input));
}

/** Accept several as they are (a day's "Accept all"): all or none. */
export async function acceptSuggestions(db: Db, actor: MemberActor, input: BulkAcceptInput): Promise<EntryRow[]> {
  const { ids } = parseOrThrow(bulkAcceptSchema, input);
  return db.transaction(async (tx) => {
    const entries: EntryRow[] = [];
    for (const id of [...new Set(ids)]) entries.push(await acceptLocked(tx, actor, await lockSuggestionOrThrow(tx, actor, id), {}));
    return entries;
  });
}

/** Ignore: out of the inbox, and a re-import never brings it back. */
export async function ignoreSuggestion(db: Db, actor: MemberActor, id: number): Promise<Suggestion> {
  return db.transaction(async (tx) => {
    const s = await lockSuggestionOrThrow(tx, actor, id);
    if (s.status === "accepted") throw new AppError("conflict", "This suggestion was accepted: delete its time entry instead.");
    const [updated] = await tx.update(suggestions).set({ status: "ignored", decidedAt: new Date(), updatedAt: new Date() }).where(eq(suggestions.id, s.id)).returning();
    return updated;
  });
}

/** Restore an ignored suggestion to the inbox. */
export async function restoreSuggestion(db: Db, actor: MemberActor, id: number): Promise<Suggestion> {
  return db.transaction(async (tx) => {
    const s = await lockSuggestionOrThrow(tx, actor, id);
    if (s.status === "accepted") throw new AppError("conflict", "This suggestion was accepted: delete its time entry instead.");
    const [updated] = await tx.update(suggestions).set({ status: "pending", decidedAt: null, updatedAt: new Date() }).where(eq(suggestions.id, s.id)).returning();
    return updated;
  });
}

// ---- Rules ----

export async function getSuggestionRules(db: Db, actor: MemberActor) {
  const owner = { workspaceId: actor.workspaceId, userId: actor.userId };
  const [rules, mappings] = await Promise.all([readRules(db, owner), readMappingRows(db, owner)]);
  return {
    ...rules,
    mappings: mappings.map((m) => ({ id: m.id, field: m.field, pattern: m.pattern, project_id: m.projectId, task_id: m.taskId, tags: m.tags, billable: m.billable })),
  };
}
export type SerializedRules = Awaited<ReturnType<typeof getSuggestionRules>>;

/** Days back that a change of rules re-shapes (pending suggestions only). */
const REBUILD_DAYS = 31;

/** Changes the thresholds it names and (when sent) replaces the mapping rules; the pending suggestions of the
 *  last month follow at once. Projects and tasks are checked against what the actor may see. */
export async function updateSuggestionRules(db: Db, actor: MemberActor, input: SuggestionRulesInput, now: Date = new Date()) {
  const { mappings, ...thresholds } = parseOrThrow(suggestionRulesSchema, input);
  const owner = { workspaceId: actor.workspaceId, userId: actor.userId };
  for (const [i, m] of (mappings ?? []).entries()) {
    if (m.project_id != null) await getProjectOrThrow(db, actor, m.project_id);
    if (m.task_id != null) {
      const task = await getTaskOrThrow(db, actor, m.task_id);
      if (task.projectId !== m.project_id) throw AppError.validation({ [`mappings.${i}.task_id`]: ["This task belongs to another project."] });
    }
  }
  await db.transaction(async (tx) => {
    const current = await readRules(tx, owner);
    const settings = { ...current, ...thresholds };
    await tx
      .insert(suggestionSettings)
      .values({ ...owner, settings })
      .onConflictDoUpdate({ target: [suggestionSettings.workspaceId, suggestionSettings.userId], set: { settings, updatedAt: new Date() } });
    if (mappings) {
      await tx.delete(suggestionMappings).where(and(eq(suggestionMappings.workspaceId, owner.workspaceId), eq(suggestionMappings.userId, owner.userId)));
      if (mappings.length)
        await tx.insert(suggestionMappings).values(
          mappings.map((m, position) => ({ ...owner, position, field: m.field, pattern: m.pattern, projectId: m.project_id ?? null, taskId: m.task_id ?? null, tags: m.tags ?? [], billable: m.billable ?? null })),
        );
    }
    // Re-shape the recent days of every activity connection of the actor's.
    const since = addCalendarDays(todayIn(actor.timezone, now), -REBUILD_DAYS);
    const days = await tx
      .selectDistinct({ connectionId: activityBuckets.connectionId, day: activityBuckets.day, provider: integrationConnections.provider })
      .from(activityBuckets)
      .innerJoin(integrationConnections, eq(integrationConnections.id, activityBuckets.connectionId))
      .where(and(eq(activityBuckets.workspaceId, owner.workspaceId), eq(activityBuckets.userId, owner.userId), gte(activityBuckets.day, since)));
    const byConnection = new Map<number, { provider: string; days: string[] }>();
    for (const d of days) byConnection.set(d.connectionId, { provider: d.provider, days: [...(byConnection.get(d.connectionId)?.days ?? []), d.day] });
    for (const [connectionId, c] of byConnection) await rebuildDays(tx, { ...owner, connectionId, source: c.provider, zone: actor.timezone }, c.days);
  });
  return getSuggestionRules(db, actor);
}

