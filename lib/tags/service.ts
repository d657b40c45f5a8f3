import { and, asc, count, eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { tags, timeEntryTags, type Tag } from "@/db/schema";
import { changeFeed, feedOrder, type FeedQuery } from "@/lib/changes/feed";
import { AppError, constraintName, parseOrThrow, pgErrorCode } from "@/lib/errors";
import { assertCan, type Actor } from "@/lib/workspaces/policy";
import { createTagSchema, renameTagSchema } from "./schema";

/** The workspace's tags with how many entries use each, by name. */
export async function listTags(db: Db, actor: Actor) {
  assertCan(actor, "catalog.read", { workspaceId: actor.workspaceId });
  return db
    .select({ id: tags.id, name: tags.name, entries: count(timeEntryTags.entryId) })
    .from(tags)
    .leftJoin(timeEntryTags, eq(timeEntryTags.tagId, tags.id))
    .where(eq(tags.workspaceId, actor.workspaceId))
    .groupBy(tags.id)
    .orderBy(asc(sql`lower(${tags.name})`));
}

async function getTagOrThrow(db: Db, actor: Actor, id: number): Promise<Tag> {
  assertCan(actor, "catalog.read", { workspaceId: actor.workspaceId });
  const [tag] = await db.select().from(tags).where(and(eq(tags.id, id), eq(tags.workspaceId, actor.workspaceId))).limit(1);
  if (!tag) throw new AppError("not_found", "Tag not found.");
  return tag;
}

function nameTaken(error: unknown): never {
  if (pgErrorCode(error) === "23505" && constraintName(error) === "tags_workspace_name_key") throw AppError.validation({ name: ["You already have this tag."] });
  throw error;
}

export async function createTag(db: Db, actor: Actor, input: { name: string }): Promise<Tag> {
  assertCan(actor, "tag.create", { workspaceId: actor.workspaceId });
  const { name } = parseOrThrow(createTagSchema, input);
  const [tag] = await db.insert(tags).values({ workspaceId: actor.workspaceId, name }).returning().catch(nameTaken);
  return tag;
}

/** Renames; answers the tag with its entry count, as the list shows it. */
export async function renameTag(db: Db, actor: Actor, id: number, input: { name: string }): Promise<Tag & { entries: number }> {
  const { name } = parseOrThrow(renameTagSchema, input);
  await getTagOrThrow(db, actor, id);
  assertCan(actor, "catalog.manage", { workspaceId: actor.workspaceId });
  const [tag] = await db.update(tags).set({ name }).where(and(eq(tags.id, id), eq(tags.workspaceId, actor.workspaceId))).returning().catch(nameTaken);
  const entries = await db.$count(timeEntryTags, eq(timeEntryTags.tagId, id));
  return { ...tag, entries };
}

/** Removes the tag from every entry that had it (every member's). */
export async function deleteTag(db: Db, actor: Actor, id: number): Promise<void> {
  await getTagOrThrow(db, actor, id);
  assertCan(actor, "catalog.manage", { workspaceId: actor.workspaceId });
  await db.delete(tags).where(and(eq(tags.id, id), eq(tags.workspaceId, actor.workspaceId)));
}

/**
 * The ids of these tag names in the workspace, creating the missing ones: a tag typed in the timer exists
 * from then on. Matching ignores letter case, and keeps the spelling the tag was first created with.
 */
export async function ensureTags(db: Db, actor: Actor, names: string[]): Promise<number[]> {
  if (names.length === 0) return [];
  assertCan(actor, "tag.create", { workspaceId: actor.workspaceId });
  await db.execute(sql`insert into tags (workspace_id, name) select ${actor.workspaceId}, n from unnest(${sql.param(names)}::text[]) as n on conflict do nothing`);
  const lower = names.map((n) => n.toLowerCase());
  const rows = await db
    .select({ id: tags.id })
    .from(tags)
    .where(and(eq(tags.workspaceId, actor.workspaceId), sql`lower(${tags.name}) = any(${sql.param(lower)}::text[])`));
  return rows.map((r) => r.id);
}

/** The tags feed (updated_since, then cursor): tags of the workspace created or renamed, with their entry counts. */
export async function listTagChanges(db: Db, actor: Actor, q: FeedQuery) {
  assertCan(actor, "catalog.read", { workspaceId: actor.workspaceId });
  return changeFeed(db, "tags", q, {
    workspaceId: actor.workspaceId,
    rows: (changed, limit) =>
      db
        .select({ id: tags.id, name: tags.name, entries: count(timeEntryTags.entryId), changeXid: tags.changeXid, changeSeq: tags.changeSeq })
        .from(tags)
        .leftJoin(timeEntryTags, eq(timeEntryTags.tagId, tags.id))
        .where(and(eq(tags.workspaceId, actor.workspaceId), changed(tags)))
        .groupBy(tags.id)
        .orderBy(...feedOrder(tags))
        .limit(limit),
    position: (t) => t,
  });
}
