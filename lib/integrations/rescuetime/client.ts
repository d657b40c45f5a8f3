import { retryAfterMs } from "@/lib/delivery/backoff";
import { PermanentError, RateLimitedError, TransientError, type HttpClient } from "../types";

// The Analytic Data API (/anapi/data): one GET with the key in the query, a table {row_headers, rows}
// back. Errors come as HTTP 200 with an `error` key (a wrong key, a bad query), so the body decides, not
// the status alone; a revoked key may also be a 401/403.

export type DataTable = { headers: string[]; rows: unknown[][] };

const KEY_REFUSED = "RescueTime refused the API key: create a new one at rescuetime.com/anapi/manage and connect again.";

export async function getData(http: HttpClient, base: string, apiKey: string, params: Record<string, string>): Promise<DataTable> {
  const query = new URLSearchParams({ key: apiKey, format: "json", ...params });
  const res = await http(`${base}/anapi/data?${query}`, { headers: { accept: "application/json" }, timeoutMs: 30_000 });
  if (res.status === 401 || res.status === 403) throw new PermanentError(KEY_REFUSED, "connection");
  if (res.status === 429) throw new RateLimitedError("RescueTime asked Stint to slow down (HTTP 429).", retryAfterMs(res) ?? 60_000);
  if (res.status >= 500) throw new TransientError(`RescueTime answered HTTP ${res.status}.`, retryAfterMs(res));
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    throw new TransientError(`RescueTime answered HTTP ${res.status} with something that is not JSON.`);
  }
  const object = (body ?? {}) as { error?: unknown; messages?: unknown; row_headers?: unknown; rows?: unknown };
  if (object.error !== undefined) {
    const text = `${object.error} ${object.messages ?? ""}`;
    if (/key/i.test(text)) throw new PermanentError(KEY_REFUSED, "connection");
    throw new PermanentError(`RescueTime refused the query: ${String(object.messages ?? object.error).slice(0, 200)}`);
  }
  if (!res.ok) throw new PermanentError(`RescueTime answered HTTP ${res.status}.`);
  if (!Array.isArray(object.row_headers) || !Array.isArray(object.rows)) throw new TransientError("RescueTime answered without row_headers and rows.");
  return { headers: object.row_headers.map(String), rows: object.rows.filter(Array.isArray) as unknown[][] };
}

/** A column's index by its header (the order is not relied on); -1 when absent. */
export const column = (table: DataTable, name: string) => table.headers.findIndex((h) => h.toLowerCase() === name.toLowerCase());
