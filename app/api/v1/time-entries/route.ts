import { pagination } from "@/lib/api/pagination";
import { ops } from "@/lib/api/operations";
import { apiRoute } from "@/lib/api/route";
import { serializeEntry } from "@/lib/entries/serialize";
import { createEntry, listEntries } from "@/lib/entries/service";
import { otherMethods } from "@/lib/api/other-methods";

export const GET = apiRoute(ops.listEntries, async ({ db, caller, query }) => {
  const now = new Date();
  const { items, total } = await listEntries(db, caller.actor, query, now);
  return { time_entries: items.map((row) => serializeEntry(row, now)), pagination: pagination(total, query) };
});

export const POST = apiRoute(ops.createEntry, async ({ db, caller, body }) => {
  const entry = await createEntry(db, caller.actor, body, { source: caller.via === "token" ? "api" : "manual" });
  return { message: entry.entry.endAt ? "Time entry created" : "Timer started", time_entry: serializeEntry(entry) };
});

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
