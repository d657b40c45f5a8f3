import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { integrationCursors } from "@/db/schema";

// Where a connection's pulls and imports got to, per stream ("logs", "projects", "activity"...): the
// opaque cursor the provider returned last, so the next run asks only for what changed since.

export async function readCursor(db: Db, connectionId: number, stream: string): Promise<string | null> {
  const [row] = await db
    .select({ cursor: integrationCursors.cursor })
    .from(integrationCursors)
    .where(and(eq(integrationCursors.connectionId, connectionId), eq(integrationCursors.stream, stream)));
  return row?.cursor ?? null;
}

/** Stored only after the changes it covers were handled: a crash in between pulls them again. */
export async function saveCursor(db: Db, connectionId: number, stream: string, cursor: string): Promise<void> {
  await db
    .insert(integrationCursors)
    .values({ connectionId, stream, cursor })
    .onConflictDoUpdate({ target: [integrationCursors.connectionId, integrationCursors.stream], set: { cursor, updatedAt: sql`now()` } });
}
