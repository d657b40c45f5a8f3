import type { Db } from "@/db";
import { env } from "@/lib/env";
import { builtInProviders, type ProviderRegistry } from "../registry";
import { scheduleJobs } from "./schedule-jobs";

/** How often a two-way connection (Teamleader) syncs with its provider: pulls the remote changes (pushes go
 *  as soon as an entry changes). STINT_SYNC_EVERY_MINUTES, 15 by default. */
export const pullEveryMs = () => env().STINT_SYNC_EVERY_MINUTES * 60_000;

/** Queues a `pull` for every active connection of a provider that pulls and is due (see scheduleJobs). */
export function schedulePulls(db: Db, everyMs = pullEveryMs(), providers: ProviderRegistry = builtInProviders): Promise<number> {
  return scheduleJobs(db, { kind: "pull", lockKey: 7_246_014, everyMs, providers, which: (p) => p.pull !== undefined });
}
