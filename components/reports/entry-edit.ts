import { notesProblem } from "@/lib/entries/notes";
import type { UpdateEntryInput } from "@/lib/entries/schema";
import { localDate, timeOfDay } from "@/lib/time/display";

// Editing an entry in place in the Reports page's list: what the row's fields hold, what is wrong with
// them, and the PATCH that saves only what changed. Plain functions (unit-tested); the row only shows them.

/** The row's fields; start and end as a datetime-local input holds them ("2026-11-10T09:00", the report's zone). */
export type EntryDraft = { description: string; projectId: number | null; taskId: number | null; tags: string[]; billable: boolean; start: string; end: string | null };
export type DraftField = "description" | "project" | "task" | "tags" | "billable" | "start" | "end";
export type DraftProblems = Partial<Record<DraftField, string>>;

type Editable = { description: string; project_id: number | null; task_id: number | null; tags: string[]; billable: boolean; start_time: string; end_time: string | null };

const wallClock = (iso: string, tz: string) => `${localDate(iso, tz)}T${timeOfDay(iso, tz)}`;
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

export function draftOf(entry: Editable, timeZone: string): EntryDraft {
  return {
    description: entry.description,
    projectId: entry.project_id,
    taskId: entry.task_id,
    tags: entry.tags,
    billable: entry.billable,
    start: wallClock(entry.start_time, timeZone),
    end: entry.end_time ? wallClock(entry.end_time, timeZone) : null,
  };
}

/** What is wrong with the changed fields, in words that say what to do (the server checks again). */
export function draftProblems(initial: EntryDraft, draft: EntryDraft): DraftProblems {
  const p: DraftProblems = {};
  if (draft.description.trim() !== initial.description) {
    const problem = notesProblem(draft.description);
    if (problem) p.description = problem;
  }
  if (!LOCAL_DATE_TIME.test(draft.start)) p.start = "Enter when it started, with a date and a time.";
  // A running entry has no end to edit.
  if (draft.end !== null) {
    if (!LOCAL_DATE_TIME.test(draft.end)) p.end = "Enter when it ended, with a date and a time.";
    // Wall-clock text of one zone compares in time order.
    else if (!p.start && draft.end <= draft.start) p.end = "Pick an end after the start.";
  }
  return p;
}

/**
 * The PATCH of /time-entries/:id for the changed fields only (null: nothing changed). Times go as
 * wall-clock text, which the API reads in the user's zone (the report's). An untouched time is not sent,
 * so the seconds an input does not show are kept. A new project sends the task too: none, unless one of
 * the new project's was chosen after it (the old one's would be refused). Tags go as the whole new list
 * of names when the set changed (case aside: the API matches names so).
 */
export function entryPatch(initial: EntryDraft, draft: EntryDraft): UpdateEntryInput | null {
  const patch: UpdateEntryInput = {};
  if (draft.description.trim() !== initial.description) patch.notes = draft.description.trim();
  if (draft.projectId !== initial.projectId) {
    patch.project_id = draft.projectId;
    patch.task_id = draft.projectId === null ? null : draft.taskId;
  } else if (draft.taskId !== initial.taskId) patch.task_id = draft.taskId;
  if (!sameTags(initial.tags, draft.tags)) patch.tags = draft.tags;
  if (draft.billable !== initial.billable) patch.billable = draft.billable;
  if (draft.start !== initial.start) patch.start_time = draft.start;
  if (draft.end !== null && draft.end !== initial.end) patch.end_time = draft.end;
  return Object.keys(patch).length ? patch : null;
}

const sameTags = (a: string[], b: string[]) => {
  const lower = (names: string[]) => new Set(names.map((n) => n.toLowerCase()));
  const [x, y] = [lower(a), lower(b)];
  return x.size === y.size && [...x].every((n) => y.has(n));
};

/** The API's field names as the row's (its message goes beside the right input). */
export const API_FIELDS: Record<string, DraftField> = { notes: "description", project_id: "project", task_id: "task", tags: "tags", billable: "billable", start_time: "start", end_time: "end" };
