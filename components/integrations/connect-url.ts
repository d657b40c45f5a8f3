/** Where the connect button goes: the OAuth start route with the chosen settings as its query. */
export function connectUrl(provider: string, settings: Record<string, unknown>, reconnect?: number): string {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(settings)) if (typeof v === "string" && v) query.set(k, v);
  if (reconnect !== undefined) query.set("reconnect", String(reconnect));
  const q = query.toString();
  return `/api/integrations/${provider}/connect${q ? `?${q}` : ""}`;
}

/**
 * "Reconnect": the same start route with the connection's own answers to its provider's settings form (e.g.
 * Zoho's data centre and portal), so the same account is asked again. Only the form's fields: what a
 * provider stores beside them (names it looked up, ids) is not a connect setting.
 */
export function reconnectUrl(connection: { id: number; provider: string; settings: Record<string, unknown> }, formFields: readonly string[]): string {
  return connectUrl(connection.provider, Object.fromEntries(formFields.map((name) => [name, connection.settings[name]])), connection.id);
}
