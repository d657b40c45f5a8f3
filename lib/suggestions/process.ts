import { and, eq, gt, inArray, isNull, lt, or } from "drizzle-orm";
import type { Db } from "@/db";
import { activityBuckets, suggestions, timeEntries, type Suggestion } from "@/db/schema";
import { addCalendarDays } from "@/lib/time/calendar";
import { startOfLocalDay } from "@/lib/time/period";
import { suggestBlocks, sourceKeyOf, type Block, type Bucket, type Interval } from "./rules";
import { readMappings, readRules, type Owner } from "./settings";

// A day's buckets → its suggestions, again whenever the day is re-imported or the rules change. Pending
// suggestions follow the new blocks (same source key: updated; gone: deleted); decided ones never move:
// a block with the key of an ignored or accepted suggestion, or of the same activity overlapping one,
// is not suggested again, and accepted ones are entries, which new blocks never overlap.

export type ActivityOwner = Owner & { connectionId: number; source: string; zone: string };

const CHUNK = 500;
const chunks = <T>(items: T[], size = CHUNK) => Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

/** Rebuilds the suggestions of these local days from their stored buckets; returns how many new pending ones. */
export async function rebuildDays(db: Db, owner: ActivityOwner, days: string[]): Promise<{ added: number; pending: number }> {
  if (!days.length) return { added: 0, pending: 0 };
  const sorted = [...new Set(days)].sort();
  const [rules, mappings] = await Promise.all([readRules(db, owner), readMappings(db, owner)]);
  const rangeStart = startOfLocalDay(addCalendarDays(sorted[0], -1), owner.zone);
  const rangeEnd = startOfLocalDay(addCalendarDays(sorted[sorted.length - 1], 2), owner.zone);

  const bucketsByDay = new Map<string, Bucket[]>();
  const existingByDay = new Map<string, Suggestion[]>();
  const busy: Interval[] = [];
  for (const part of chunks(sorted)) {
    const rows = await db
      .select({ day: activityBuckets.day, startAt: activityBuckets.startAt, seconds: activityBuckets.seconds, activity: activityBuckets.activity, category: activityBuckets.category, document: activityBuckets.document, productivity: activityBuckets.productivity })
      .from(activityBuckets)
      .where(and(eq(activityBuckets.connectionId, owner.connectionId), inArray(activityBuckets.day, part)));
    for (const r of rows) {
      const list = bucketsByDay.get(r.day) ?? [];
      list.push({ startMs: r.startAt.getTime(), seconds: r.seconds, activity: r.activity, category: r.category, document: r.document, productivity: r.productivity });
      bucketsByDay.set(r.day, list);
    }
    const existing = await db
      .select()
      .from(suggestions)
      .where(and(eq(suggestions.userId, owner.userId), eq(suggestions.workspaceId, owner.workspaceId), eq(suggestions.source, owner.source), inArray(suggestions.day, part)));
    for (const s of existing) existingByDay.set(s.day, [...(existingByDay.get(s.day) ?? []), s]);
  }
  const now = Date.now();
  const entries = await db
    .select({ startAt: timeEntries.startAt, endAt: timeEntries.endAt })
    .from(timeEntries)
    .where(and(eq(timeEntries.workspaceId, owner.workspaceId), eq(timeEntries.userId, owner.userId), lt(timeEntries.startAt, rangeEnd), or(isNull(timeEntries.endAt), gt(timeEntries.endAt, rangeStart))));
  for (const e of entries) busy.push({ startMs: e.startAt.getTime(), endMs: e.endAt?.getTime() ?? now });
  busy.sort((a, b) => a.startMs - b.startMs);

  const inserts: (typeof suggestions.$inferInsert)[] = [];
  const updates: { id: number; values: Partial<typeof suggestions.$inferInsert> }[] = [];
  const deletes: number[] = [];
  let pending = 0;
  for (const day of sorted) {
    const existing = existingByDay.get(day) ?? [];
    const byKey = new Map(existing.map((s) => [s.sourceKey, s]));
    const decided = existing.filter((s) => s.status !== "pending");
    const kept = new Set<number>();
    for (const block of suggestBlocks(bucketsByDay.get(day) ?? [], rules, mappings, busy)) {
      const sourceKey = sourceKeyOf(owner.userId, day, block);
      const known = byKey.get(sourceKey);
      if (known && known.status !== "pending") continue;
      if (decided.some((s) => s.groupKey === block.key && s.startAt.getTime() < block.endMs && s.endAt.getTime() > block.startMs)) continue;
      const values = valuesOf(owner, day, sourceKey, block);
      pending++;
      if (known) {
        kept.add(known.id);
        if (!sameAs(known, values)) updates.push({ id: known.id, values });
      } else inserts.push(values);
    }
    for (const s of existing) if (s.status === "pending" && !kept.has(s.id)) deletes.push(s.id);
  }
  for (const part of chunks(deletes)) await db.delete(suggestions).where(inArray(suggestions.id, part));
  for (const u of updates) await db.update(suggestions).set({ ...u.values, updatedAt: new Date() }).where(eq(suggestions.id, u.id));
  for (const part of chunks(inserts)) await db.insert(suggestions).values(part);
  return { added: inserts.length, pending };
}

/** Whether a pending suggestion already says what the block says (a re-import of an unchanged day writes nothing). */
function sameAs(s: Suggestion, v: typeof suggestions.$inferInsert): boolean {
  return (
    s.startAt.getTime() === (v.startAt as Date).getTime() &&
    s.endAt.getTime() === (v.endAt as Date).getTime() &&
    s.notes === v.notes &&
    s.projectId === v.projectId &&
    s.taskId === v.taskId &&
    s.billable === v.billable &&
    s.trimmed === v.trimmed &&
    JSON.stringify(s.tags) === JSON.stringify(v.tags) &&
    // Field by field: jsonb does not keep the order of keys.
    s.activities.length === v.activities!.length &&
    s.activities.every((a, i) => {
      const b = v.activities![i];
      return a.name === b.name && a.category === b.category && a.productivity === b.productivity && a.seconds === b.seconds;
    })
  );
}

function valuesOf(owner: ActivityOwner, day: string, sourceKey: string, block: Block): typeof suggestions.$inferInsert {
  return {
    workspaceId: owner.workspaceId,
    userId: owner.userId,
    connectionId: owner.connectionId,
    source: owner.source,
    sourceKey,
    groupKey: block.key,
    day,
    startAt: new Date(block.startMs),
    endAt: new Date(block.endMs),
    notes: block.notes.slice(0, 500),
    projectId: block.mapping?.projectId ?? null,
    taskId: block.mapping?.taskId ?? null,
    tags: block.mapping?.tags ?? [],
    billable: block.mapping?.billable ?? null,
    activities: block.activities,
    trimmed: block.trimmed,
  };
}

/** Replaces one day's stored buckets of a connection (a re-import brings the day as RescueTime has it now). */
export async function replaceDayBuckets(db: Db, owner: ActivityOwner, day: string, buckets: (Omit<Bucket, "startMs"> & { startAt: Date })[]): Promise<void> {
  await db.delete(activityBuckets).where(and(eq(activityBuckets.connectionId, owner.connectionId), eq(activityBuckets.day, day)));
  const rows = buckets.map((b) => ({ workspaceId: owner.workspaceId, userId: owner.userId, connectionId: owner.connectionId, day, startAt: b.startAt, seconds: b.seconds, activity: b.activity.slice(0, 500), category: b.category?.slice(0, 500) ?? null, document: b.document?.slice(0, 1000) ?? null, productivity: b.productivity }));
  for (const part of chunks(rows)) await db.insert(activityBuckets).values(part);
}
