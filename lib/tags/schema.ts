import { z } from "zod";
import { cursorPaginationQuery } from "@/lib/api/pagination";
import { feedQueryFields } from "@/lib/changes/schema";

/** A tag name: no commas, because the API lists an entry's tags as one comma-separated string. */
export const tagName = z
  .string({ error: "A tag must be text." })
  .trim()
  .min(1, "A tag cannot be empty.")
  .max(50, "A tag: use at most 50 characters.")
  .refine((t) => !t.includes(","), "A tag cannot contain a comma.");

/**
 * Tags as the API takes them: "a, b" or ["a", "b"]; duplicates (in any letter case) are dropped. At most
 * 50 different ones, however they are sent (a comma-separated string used to have no limit).
 */
export const tagListInput = z
  .union([z.string().transform((s) => s.split(",")), z.array(z.string({ error: "Each tag must be text." }))], {
    error: "Tags must be a comma-separated string or a list of strings.",
  })
  .transform((names) => names.map((n) => n.trim()).filter(Boolean))
  .pipe(z.array(tagName))
  .transform((names) => {
    const seen = new Set<string>();
    return names.filter((n) => !seen.has(n.toLowerCase()) && seen.add(n.toLowerCase()));
  })
  .refine((names) => names.length <= 50, "At most 50 tags.");

export const createTagSchema = z.object({ name: tagName });
export const renameTagSchema = createTagSchema;

/** The tag list takes no paging; its change feed (updated_since, then cursor) does. */
export const listTagsQuery = cursorPaginationQuery.pick({ per_page: true, cursor: true }).extend(feedQueryFields);
export type ListTagsQuery = z.output<typeof listTagsQuery>;
