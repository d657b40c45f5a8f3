import type { Db } from "@/db";
import type { MemberActor } from "@/lib/workspaces/actor";
import { listEntriesQuery } from "./schema";
import { serializeEntry, type ApiEntry } from "./serialize";
import { listEntries } from "./service";

/**
 * The user's entries overlapping the local dates [from, to] (both inclusive), running one included,
 * newest first, as the API lists them: what `/time-entries?start_date&end_date&include_active=true`
 * returns page after page. For pages that render a period's sessions on the server.
 */
export async function listEntriesBetween(db: Db, actor: MemberActor, dates: { from: string; to: string }, now: Date = new Date()): Promise<ApiEntry[]> {
  const all: ApiEntry[] = [];
  for (let page = 1; ; page++) {
    const query = listEntriesQuery.parse({ start_date: dates.from, end_date: dates.to, include_active: "true", per_page: "100", page: String(page) });
    const { items } = await listEntries(db, actor, query, now);
    all.push(...items.map((row) => serializeEntry(row, now)));
    if (items.length < query.per_page) return all;
  }
}
