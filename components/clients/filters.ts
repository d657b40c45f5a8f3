// Plain values shared by the server page (which reads ?show=) and the client list.
export const CLIENT_FILTERS = ["active", "archived", "all"] as const;
export type ClientFilter = (typeof CLIENT_FILTERS)[number];

export function clientFilterOf(value: unknown): ClientFilter {
  return CLIENT_FILTERS.find((f) => f === value) ?? "active";
}
