import { DateTime } from "luxon";
import { addCalendarDays } from "@/lib/time/calendar";
import { localDateOf } from "@/lib/time/period";
import type { ProviderContext, RemoteActivity } from "../types";
import { column, getData, type DataTable } from "./client";
import { apiBase, type RescueTimeSettings } from "./settings";

// Activity between two instants, asked day by day (RescueTime takes whole local days only) at the finest
// resolution: 5-minute buckets per activity, each with the document that took most of it.

const BUCKET_MS = 5 * 60_000;
const dayQuery = (day: string, kind: string) => ({ perspective: "interval", resolution_time: "minute", restrict_kind: kind, restrict_begin: day, restrict_end: day });

/** Every local date from `from` to the date of the instant just before `to`. */
export function localDays(from: Date, to: Date, zone: string): string[] {
  const last = localDateOf(new Date(to.getTime() - 1), zone);
  const days: string[] = [];
  for (let day = localDateOf(from, zone); day <= last && days.length < 3660; day = addCalendarDays(day, 1)) days.push(day);
  return days;
}

/** The document with most seconds per (bucket, activity). */
function topDocuments(table: DataTable): Map<string, string> {
  const [date, seconds, doc, activity] = ["Date", "Time Spent (seconds)", "Document", "Activity"].map((h) => column(table, h));
  const best = new Map<string, { name: string; seconds: number }>();
  if (date < 0 || seconds < 0 || doc < 0 || activity < 0) return new Map();
  for (const row of table.rows) {
    const key = `${row[date]}|${row[activity]}`;
    const s = Number(row[seconds]);
    const known = best.get(key);
    if (!known || known.seconds < s) best.set(key, { name: String(row[doc]), seconds: s });
  }
  return new Map([...best].map(([k, v]) => [k, v.name]));
}

/** Rows of one day's activity table as buckets (local wall-clock read in `zone`). */
export function bucketsOf(table: DataTable, documents: Map<string, string>, zone: string): RemoteActivity[] {
  const [date, seconds, activity, category, productivity] = ["Date", "Time Spent (seconds)", "Activity", "Category", "Productivity"].map((h) => column(table, h));
  if (date < 0 || seconds < 0 || activity < 0) throw new Error(`RescueTime's activity table lacks columns (it has ${table.headers.join(", ")}).`);
  const out: RemoteActivity[] = [];
  for (const row of table.rows) {
    const local = String(row[date]);
    const start = DateTime.fromISO(local, { zone });
    const spent = Number(row[seconds]);
    if (!start.isValid || !Number.isFinite(spent) || spent <= 0) continue;
    const name = String(row[activity]);
    const level = productivity >= 0 ? Number(row[productivity]) : NaN;
    out.push({
      remoteId: `${local}|${name}`,
      startAt: start.toJSDate(),
      endAt: new Date(start.toMillis() + BUCKET_MS),
      title: name,
      category: category >= 0 && row[category] != null ? String(row[category]) : null,
      productivity: Number.isInteger(level) ? level : null,
      seconds: Math.min(Math.round(spent), 300),
      document: documents.get(`${local}|${name}`) ?? null,
    });
  }
  return out;
}

export async function activityBetween(ctx: ProviderContext<RescueTimeSettings>, from: Date, to: Date, zone: string): Promise<RemoteActivity[]> {
  const key = await ctx.accessToken();
  const base = apiBase(ctx.settings);
  const out: RemoteActivity[] = [];
  for (const day of localDays(from, to, zone)) {
    const activities = await getData(ctx.http, base, key, dayQuery(day, "activity"));
    if (!activities.rows.length) continue; // an empty day: no need to ask for its documents
    const documents = await getData(ctx.http, base, key, dayQuery(day, "document"));
    for (const bucket of bucketsOf(activities, topDocuments(documents), zone)) if (bucket.startAt >= from && bucket.startAt < to) out.push(bucket);
  }
  return out;
}
