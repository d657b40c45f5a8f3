import { sql } from "drizzle-orm";
import type { Db } from "@/db";

export type HealthReport = { status: "healthy" | "unhealthy"; timestamp: string };

/** Asks the database a trivial question; a database that does not answer within the timeout is unhealthy. */
export async function checkHealth(db: Db, timeoutMs = 3000): Promise<HealthReport> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("database timeout")), timeoutMs);
  });
  try {
    await Promise.race([db.execute(sql`select 1`), timeout]);
    return { status: "healthy", timestamp: new Date().toISOString() };
  } catch {
    return { status: "unhealthy", timestamp: new Date().toISOString() };
  } finally {
    clearTimeout(timer);
  }
}
