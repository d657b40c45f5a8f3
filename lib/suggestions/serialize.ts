import type { Suggestion } from "@/db/schema";

/** A suggestion in the API's shape (GET /suggestions). */
export function serializeSuggestion(s: Suggestion) {
  return {
    id: s.id,
    source: s.source,
    start_time: s.startAt.toISOString(),
    end_time: s.endAt.toISOString(),
    duration_seconds: Math.round((s.endAt.getTime() - s.startAt.getTime()) / 1000),
    day: s.day,
    notes: s.notes,
    project_id: s.projectId,
    task_id: s.taskId,
    tags: s.tags,
    billable: s.billable,
    status: s.status,
    trimmed: s.trimmed,
    activities: s.activities.map((a) => ({ name: a.name, category: a.category, productivity: a.productivity, seconds: a.seconds })),
    time_entry_id: s.timeEntryId,
  };
}
export type ApiSuggestion = ReturnType<typeof serializeSuggestion>;
