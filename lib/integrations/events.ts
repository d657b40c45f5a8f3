import { desc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { integrationEvents } from "@/db/schema";

/** How many log lines a connection keeps; older ones are dropped as new ones come. */
const KEEP = 500;

export async function logEvent(db: Db, connectionId: number, level: "info" | "warn" | "error", message: string, entryId?: number): Promise<void> {
  await db.insert(integrationEvents).values({ connectionId, level, message: message.slice(0, 1000), entryId: entryId ?? null });
  // Trim now and then rather than on every line.
  if (Math.random() < 0.05) {
    await db.execute(sql`delete from integration_events where connection_id = ${connectionId} and id <= (
      select id from integration_events where connection_id = ${connectionId} order by id desc offset ${KEEP} limit 1)`);
  }
}

export function listEvents(db: Db, connectionId: number, limit = 100) {
  return db.select().from(integrationEvents).where(eq(integrationEvents.connectionId, connectionId)).orderBy(desc(integrationEvents.id)).limit(limit);
}
