import type { Db } from "@/db";
import { builtInProviders, type ProviderRegistry } from "../registry";
import { scheduleJobs } from "./schedule-jobs";

/** How often a two-way connection asks its provider for remote changes, unless the worker is told otherwise. */
export const PULL_EVERY_MS = 5 * 60_000;

/** Queues a `pull` for every active connection of a provider that pulls and is due (see scheduleJobs). */
export function schedulePulls(db: Db, pullEveryMs = PULL_EVERY_MS, providers: ProviderRegistry = builtInProviders): Promise<number> {
  return scheduleJobs(db, { kind: "pull", lockKey: 7_246_014, everyMs: pullEveryMs, providers, which: (p) => p.pull !== undefined });
}
