import { and, asc, count, eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { tags, timeEntryTags, type Tag } from "@/db/schema";
import { AppError, constraintName, parseOrThrow, pgErrorCode } from "@/lib/errors";
import { createTagSchema, renameTagSchema } from "./schema";

/** The user's tags with how many entries use each, by name. */
export async function listTags(db: Db, userId: number) {
  return db
    .select({ id: tags.id, name: tags.name, entries: count(timeEntryTags.entryId) })
    .from(tags)
    .leftJoin(timeEntryTags, eq(timeEntryTags.tagId, tags.id))
    .where(eq(tags.userId, userId))
    .groupBy(tags.id)
    .orderBy(asc(sql`lower(${tags.name})`));
}

async function getTagOrThrow(db: Db, userId: number, id: number): Promise<Tag> {
  const [tag] = await db.select().from(tags).where(and(eq(tags.id, id), eq(tags.userId, userId))).limit(1);
  if (!tag) throw new AppError("not_found", "Tag not found.");
  return tag;
}

function nameTaken(error: unknown): never {
  if (pgErrorCode(error) === "23505" && constraintName(error) === "tags_user_name_key") throw AppError.validation({ name: ["You already have this tag."] });
  throw error;
}

export async function createTag(db: Db, userId: number, input: { name: string }): Promise<Tag> {
  const { name } = parseOrThrow(createTagSchema, input);
  const [tag] = await db.insert(tags).values({ userId, name }).returning().catch(nameTaken);
  return tag;
}

/** Renames; answers the tag with its entry count, as the list shows it. */
export async function renameTag(db: Db, userId: number, id: number, input: { name: string }): Promise<Tag & { entries: number }> {
  const { name } = parseOrThrow(renameTagSchema, input);
  await getTagOrThrow(db, userId, id);
  const [tag] = await db.update(tags).set({ name }).where(and(eq(tags.id, id), eq(tags.userId, userId))).returning().catch(nameTaken);
  const entries = await db.$count(timeEntryTags, eq(timeEntryTags.tagId, id));
  return { ...tag, entries };
}

/** Removes the tag from every entry that had it. */
export async function deleteTag(db: Db, userId: number, id: number): Promise<void> {
  await getTagOrThrow(db, userId, id);
  await db.delete(tags).where(and(eq(tags.id, id), eq(tags.userId, userId)));
}

/**
 * The ids of these tag names, creating the missing ones: a tag typed in the timer exists from then on.
 * Matching ignores letter case, and keeps the spelling the tag was first created with.
 */
export async function ensureTags(db: Db, userId: number, names: string[]): Promise<number[]> {
  if (names.length === 0) return [];
  await db.execute(sql`insert into tags (user_id, name) select ${userId}, n from unnest(${sql.param(names)}::text[]) as n on conflict do nothing`);
  const lower = names.map((n) => n.toLowerCase());
  const rows = await db
    .select({ id: tags.id })
    .from(tags)
    .where(and(eq(tags.userId, userId), sql`lower(${tags.name}) = any(${sql.param(lower)}::text[])`));
  return rows.map((r) => r.id);
}
