// Plain values shared by the server page (which reads ?status=) and the client list.
export const PROJECT_FILTERS = ["active", "on_hold", "archived", "all"] as const;
export type ProjectFilter = (typeof PROJECT_FILTERS)[number];

export function projectFilterOf(value: unknown): ProjectFilter {
  return PROJECT_FILTERS.find((f) => f === value) ?? "active";
}
