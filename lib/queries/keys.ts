// Query keys: one root per resource, so a mutation can invalidate everything a change touches.
export const keys = {
  me: ["me"] as const,
  timer: ["timer"] as const,
  entries: ["entries"] as const,
  entriesOfRange: (from: string, to: string) => ["entries", from, to] as const,
  overview: ["overview"] as const,
  overviewOf: (period: string, date: string) => ["overview", period, date] as const,
  projects: ["projects"] as const,
  clients: ["clients"] as const,
  tasks: ["tasks"] as const,
  tags: ["tags"] as const,
  suggestions: ["suggestions"] as const,
  suggestionRules: ["suggestion-rules"] as const,
  reports: ["reports"] as const,
};

/** What a change to time entries makes stale (the timer, lists, overviews, reports). */
export const entryRelated = [keys.timer, keys.entries, keys.overview, keys.tags, keys.reports];
