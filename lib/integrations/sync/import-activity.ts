import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { integrationConnections, users, type IntegrationConnection } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { rebuildDays, replaceDayBuckets, type ActivityOwner } from "@/lib/suggestions/process";
import { addCalendarDays } from "@/lib/time/calendar";
import { startOfLocalDay, todayIn } from "@/lib/time/period";
import { emitEvent } from "@/lib/webhooks/emit";
import { providerOf } from "../connections";
import { providerContext } from "../context";
import { logEvent } from "../events";
import { builtInProviders, type ProviderRegistry } from "../registry";
import { readCursor, saveCursor } from "./cursors";

// An activity source's import (RescueTime): day by day in the person's zone, each day's buckets replaced
// whole and its suggestions rebuilt in one transaction (so a re-import is idempotent and a crash leaves
// whole days). The "activity" cursor is the last day imported; a scheduled run (no range) starts the day
// before it, because the last day was partial and clients sync late.

export const ACTIVITY_STREAM = "activity";
/** A first scheduled import looks back this many days. */
const FIRST_DAYS = 7;
/** The most days one import covers. */
export const MAX_IMPORT_DAYS = 366;

export type ActivityRange = { from?: string; to?: string };
export type ImportProgress = (done: number, total: number, message: string) => Promise<void> | void;

function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = from; d <= to && days.length <= MAX_IMPORT_DAYS; d = addCalendarDays(d, 1)) days.push(d);
  return days;
}

/** The local days an import covers: the range asked (to capped at today), or since the cursor. */
export async function importDays(db: Db, connectionId: number, zone: string, range: ActivityRange | null, now = new Date()): Promise<string[]> {
  const today = todayIn(zone, now);
  let from = range?.from;
  if (!from) {
    const cursor = await readCursor(db, connectionId, ACTIVITY_STREAM);
    from = cursor ? addCalendarDays(cursor < today ? cursor : today, -1) : addCalendarDays(today, -(FIRST_DAYS - 1));
  }
  const to = range?.to && range.to < today ? range.to : today;
  if (from > to) return [];
  const days = daysBetween(from, to);
  if (days.length > MAX_IMPORT_DAYS) throw new AppError("bad_request", `Import at most ${MAX_IMPORT_DAYS} days at once.`);
  return days;
}

export async function importActivity(db: Db, connection: IntegrationConnection, range: ActivityRange | null, progress: ImportProgress = () => {}, providers: ProviderRegistry = builtInProviders): Promise<string> {
  const provider = providerOf(connection, providers);
  const capability = provider.activity;
  if (!capability) throw new AppError("bad_request", `${provider.label} has no activity to import.`);
  const [user] = await db.select({ timezone: users.timezone }).from(users).where(eq(users.id, connection.userId));
  const zone = user?.timezone ?? "UTC";
  const owner: ActivityOwner = { workspaceId: connection.workspaceId, userId: connection.userId, connectionId: connection.id, source: provider.name, zone };
  const days = await importDays(db, connection.id, zone, range);
  const ctx = providerContext(db, connection, provider);
  let added = 0;
  let buckets = 0;
  await progress(0, days.length, days.length ? `Importing ${days[0]} to ${days[days.length - 1]}.` : "Nothing to import.");
  for (const [i, day] of days.entries()) {
    const activity = await capability.activityBetween(ctx, startOfLocalDay(day, zone), startOfLocalDay(addCalendarDays(day, 1), zone), zone);
    buckets += activity.length;
    const rows = activity.map((a) => ({
      startAt: a.startAt,
      seconds: a.seconds ?? Math.round((a.endAt.getTime() - a.startAt.getTime()) / 1000),
      activity: a.title,
      category: a.category ?? null,
      document: a.document ?? null,
      productivity: a.productivity ?? null,
    }));
    added += await db.transaction(async (tx) => {
      await replaceDayBuckets(tx, owner, day, rows);
      return (await rebuildDays(tx, owner, [day])).added;
    });
    await progress(i + 1, days.length, `Imported ${day}.`);
  }
  if (days.length) {
    const last = days[days.length - 1];
    const cursor = await readCursor(db, connection.id, ACTIVITY_STREAM);
    if (!cursor || cursor < last) await saveCursor(db, connection.id, ACTIVITY_STREAM, last);
    if (added) await emitEvent(db, connection.workspaceId, "suggestions.ready", { user_id: connection.userId, count: added, from: days[0], to: last });
  }
  await db.update(integrationConnections).set({ lastSyncAt: new Date() }).where(eq(integrationConnections.id, connection.id));
  const message = days.length ? `Imported ${days.length} days (${buckets} activity rows): ${added} new suggestions.` : "Nothing to import.";
  await logEvent(db, connection.id, "info", message);
  return message;
}
