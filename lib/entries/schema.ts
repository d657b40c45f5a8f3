import { z } from "zod";
import { flag, id, idRef, numeric } from "@/lib/api/fields";
import { cursorPaginationQuery } from "@/lib/api/pagination";
import { feedQueryFields } from "@/lib/changes/schema";
import { tagListInput } from "@/lib/tags/schema";

import { NOTES_MAX, NOTES_REQUIRED, NOTES_TOO_LONG } from "./notes";

export { NOTES_MAX };

/** What the session is called ("notes" in the TimeTracker API). May be empty: a timer can be named later. */
export const notes = z.string({ error: "The name must be text." }).trim().max(NOTES_MAX, NOTES_TOO_LONG);

/** A name a person gives a saved session: the forms refuse an empty one. */
export const requiredNotes = notes.min(1, NOTES_REQUIRED);

/**
 * A date-time as sent: ISO 8601 with or without an offset (without one it is in the user's time zone),
 * or a bare date. Checked and converted by the service, which knows the user's zone.
 */
export const dateTimeText = z.string({ error: "Use a date-time like 2026-11-20T09:30." }).trim().min(1, "Enter a date and time.").max(40);

const refs = {
  project_id: idRef.optional(),
  task_id: idRef.optional(),
  tags: tagListInput.optional(),
  billable: z.boolean({ error: "billable must be true or false." }).optional(),
};

export const startTimerSchema = z.object({ notes: notes.optional(), ...refs });

export const stopTimerSchema = z.object({
  /** Stop at this time instead of now (a forgotten timer); never before its start, never in the future. */
  end_time: dateTimeText.optional(),
});

export const createEntrySchema = z.object({
  /** Owners and admins: the member whose entry it is (default: the caller). */
  user_id: id().optional(),
  notes: notes.optional(),
  ...refs,
  start_time: dateTimeText,
  end_time: z.union([dateTimeText, z.null()]).optional(),
  /** Instead of end_time: how long it took. */
  duration_seconds: numeric(z.number({ error: "duration_seconds must be a number." }).int("Use whole seconds.").min(1, "The duration must be at least a second.").max(366 * 86_400, "Use at most 366 days.")).optional(),
});

export const updateEntrySchema = z.object({
  notes: notes.optional(),
  ...refs,
  start_time: dateTimeText.optional(),
  end_time: dateTimeText.optional(),
});

/** The form a person fills in to add a past session. */
export const manualEntryFormSchema = createEntrySchema.extend({ notes: requiredNotes });

export const listEntriesQuery = cursorPaginationQuery.extend({
  project_id: id().optional(),
  user_id: id().optional(),
  /** Local dates (or date-times) in the user's zone; end_date is inclusive. */
  start_date: dateTimeText.optional(),
  end_date: dateTimeText.optional(),
  billable: flag.optional(),
  include_active: flag.optional(),
  ...feedQueryFields,
});

export type StartTimerInput = z.input<typeof startTimerSchema>;
export type CreateEntryInput = z.input<typeof createEntrySchema>;
export type UpdateEntryInput = z.input<typeof updateEntrySchema>;
export type ListEntriesQuery = z.output<typeof listEntriesQuery>;
