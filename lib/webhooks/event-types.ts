// The events a webhook can subscribe to. Later issues add theirs here; `*` subscribes to all of them.
export const WEBHOOK_EVENT_TYPES = [
  "time_entry.created",
  "time_entry.updated",
  "time_entry.deleted",
  "timer.started",
  "timer.stopped",
  "project.created",
  "project.updated",
  "project.archived",
  "client.created",
  "client.updated",
  "client.deleted",
  "task.created",
  "task.updated",
  "task.completed",
  // An import added pending suggestions for a member: {user_id, count, from, to} (local days).
  "suggestions.ready",
  "ping",
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** What an endpoint may list in `events`. */
export const SUBSCRIBABLE_EVENTS = ["*", ...WEBHOOK_EVENT_TYPES] as const;
