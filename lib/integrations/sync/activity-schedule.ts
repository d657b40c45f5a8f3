import type { Db } from "@/db";
import { builtInProviders, type ProviderRegistry } from "../registry";
import { scheduleJobs } from "./schedule-jobs";

/** How often an activity source (RescueTime) is imported, unless the worker is told otherwise: RescueTime's
 *  free clients sync every 30 minutes. */
export const ACTIVITY_IMPORT_EVERY_MS = 30 * 60_000;

/** Queues an `import` (no range: since the connection's cursor) for every due connection of an activity source (see scheduleJobs). */
export function scheduleActivityImports(db: Db, everyMs = ACTIVITY_IMPORT_EVERY_MS, providers: ProviderRegistry = builtInProviders): Promise<number> {
  return scheduleJobs(db, { kind: "import", lockKey: 7_246_015, everyMs, providers, which: (p) => p.activity !== undefined });
}
