import { z } from "zod";
import { flag } from "@/lib/api/fields";

/** The change feed's parameters, shared by every list that has one (time entries, projects, clients, tasks, tags). */
export const feedQueryFields = {
  /** ISO 8601 date-time with an offset: the feed starts with the changes made from then on. */
  updated_since: z.string({ error: "updated_since must be a date-time." }).trim().min(1, "updated_since must be a date-time.").max(40, "updated_since must be a date-time.").optional(),
  /** With the feed: deletions as tombstones {id, deleted: true, deleted_at}. */
  include_deleted: flag.optional(),
};
