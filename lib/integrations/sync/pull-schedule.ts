import type { Db } from "@/db";
import { builtInProviders, type ProviderRegistry } from "../registry";
import { scheduleJobs } from "./schedule-jobs";

/** How often a two-way connection (Teamleader) syncs with its provider: pulls the remote changes (pushes go
 *  as soon as an entry changes). Every 15 minutes unless the worker is told otherwise (STINT_SYNC_EVERY_MINUTES). */
export const PULL_EVERY_MS = 15 * 60_000;

/** Queues a `pull` for every active connection of a provider that pulls and is due (see scheduleJobs). */
export function schedulePulls(db: Db, pullEveryMs = PULL_EVERY_MS, providers: ProviderRegistry = builtInProviders): Promise<number> {
  return scheduleJobs(db, { kind: "pull", lockKey: 7_246_014, everyMs: pullEveryMs, providers, which: (p) => p.pull !== undefined });
}
