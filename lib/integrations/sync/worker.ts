import crypto from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { integrationJobs, type IntegrationJob } from "@/db/schema";
import type { Db } from "@/db";
import { builtInProviders, type ProviderRegistry } from "../registry";
import { claimDueLinks } from "./claim";
import { claimJob, runJob } from "./jobs";
import { pushLink, type PushOptions, type PushResult } from "./push";
import { schedulePulls } from "./pull-schedule";
import { scheduleActivityImports } from "./activity-schedule";
import { errorForLog } from "@/lib/errors";
import { deliverDueWebhooks, type WebhookSenderOptions } from "@/lib/webhooks/deliver";
import { rolesThatMay } from "@/lib/workspaces/policy";

export type WorkerOptions = {
  /** Unique per worker; recorded as the lease owner. */
  workerId?: string;
  /** Links claimed per round. */
  batch?: number;
  /** Pause between rounds when there was nothing to do. */
  idleMs?: number;
  backoff?: PushOptions["backoff"];
  /** Connections re-import their projects this often (and on demand). */
  importEveryMs?: number;
  /** Two-way connections pull remote changes this often (./pull-schedule.ts; default 15 minutes, STINT_SYNC_EVERY_MINUTES; checked once a minute). */
  pullEveryMs?: number;
  /** Activity sources (RescueTime) import this often (./activity-schedule.ts; default 30 minutes). */
  activityImportEveryMs?: number;
  /** Runs right after a remote create answered, before Stint records it (the crash test's fault). */
  afterRemoteCreate?: PushOptions["afterRemoteCreate"];
  /** The providers this worker knows; tests pass fakes. */
  providers?: ProviderRegistry;
  /** How long a claimed link or delivery stays this worker's (a crashed worker's work waits this long). */
  leaseSeconds?: number;
  /** The webhook sender's settings (schedule, timeout, rate): lib/webhooks/deliver.ts's defaults otherwise. */
  webhooks?: Omit<WebhookSenderOptions, "workerId" | "leaseSeconds">;
};

const DEFAULTS = { batch: 10, idleMs: 2_000, backoff: { baseMs: 5_000, capMs: 60 * 60_000 }, importEveryMs: 6 * 60 * 60_000 };

const newWorkerId = () => `worker-${process.pid}-${crypto.randomBytes(3).toString("hex")}`;

function pushOptions(opts: WorkerOptions): PushOptions {
  return {
    workerId: opts.workerId ?? newWorkerId(),
    backoff: opts.backoff ?? DEFAULTS.backoff,
    afterRemoteCreate: opts.afterRemoteCreate,
    providers: opts.providers ?? builtInProviders,
  };
}

export type PushTally = Record<PushResult, number>;
export const emptyPushTally = (): PushTally => ({ sent: 0, held: 0, retrying: 0, failed: 0, stopped: 0 });

/** Pushes due links (of one connection, or all) until none is due; returns how many it handled, and
 *  counts how each ended in `tally` when given. */
export async function pushDueLinks(db: Db, opts: WorkerOptions = {}, connectionId?: number, tally?: PushTally): Promise<number> {
  const push = pushOptions(opts);
  let handled = 0;
  for (;;) {
    const links = await claimDueLinks(db, push.workerId, opts.batch ?? DEFAULTS.batch, connectionId, opts.leaseSeconds);
    if (!links.length) return handled;
    for (const link of links) {
      const result = await pushLink(db, link, push);
      if (tally) tally[result]++;
    }
    handled += links.length;
  }
}

/** Queues an import for every active connection (of a provider that imports, of a member who may import) whose projects are older than `importEveryMs`. */
export async function scheduleImports(db: Db, importEveryMs = DEFAULTS.importEveryMs, providers: ProviderRegistry = builtInProviders): Promise<void> {
  const importing = providers.all().filter((p) => p.import !== undefined).map((p) => p.name);
  if (!importing.length) return;
  await db.execute(sql`insert into integration_jobs (workspace_id, user_id, connection_id, kind)
    select c.workspace_id, c.user_id, c.id, 'import_projects' from integration_connections c
    where c.status = 'active' and c.provider in (${sql.join(importing.map((n) => sql`${n}`), sql`, `)})
      and exists (select 1 from workspace_members m where m.workspace_id = c.workspace_id and m.user_id = c.user_id
                  and m.role in (${sql.join(rolesThatMay("integration.import").map((r) => sql`${r}`), sql`, `)}))
      and (c.projects_imported_at is null or c.projects_imported_at < now() - ${`${Math.round(importEveryMs / 1000)} seconds`}::interval)
      and not exists (select 1 from integration_jobs j where j.connection_id = c.id and j.status in ('queued', 'running'))
      and not exists (select 1 from integration_jobs j where j.connection_id = c.id and j.kind = 'import_projects'
                      and j.created_at > now() - ${`${Math.round(importEveryMs / 1000)} seconds`}::interval)`);
}

/** Sends due webhook deliveries until none is due; returns how many attempts it made. */
export function deliverDue(db: Db, opts: WorkerOptions = {}): Promise<number> {
  return deliverDueWebhooks(db, { ...opts.webhooks, workerId: opts.workerId ?? newWorkerId(), leaseSeconds: opts.leaseSeconds });
}

/** What one round did: the jobs it ran (as they ended), the entries it pushed, the webhook deliveries it attempted. */
export type RoundResult = { jobs: IntegrationJob[]; entries: PushTally; deliveries: number };

/** One round: queued jobs, then due pushes, then due webhook deliveries. `onJob` hears of each job as it ends. */
export async function workRound(db: Db, opts: WorkerOptions = {}, onJob?: (job: IntegrationJob) => void): Promise<RoundResult> {
  const jobs: IntegrationJob[] = [];
  const entries = emptyPushTally();
  for (let job = await claimJob(db); job; job = await claimJob(db)) {
    await runJob(db, job, (connectionId) => pushDueLinks(db, opts, connectionId, entries), opts.providers);
    const [ended] = await db.select().from(integrationJobs).where(eq(integrationJobs.id, job.id));
    jobs.push(ended ?? job);
    onJob?.(ended ?? job);
  }
  await pushDueLinks(db, opts, undefined, entries);
  return { jobs, entries, deliveries: await deliverDue(db, opts) };
}

/** One round (see workRound). Returns how much it did (0 = idle). */
export async function workOnce(db: Db, opts: WorkerOptions = {}): Promise<number> {
  const round = await workRound(db, opts);
  return round.jobs.length + Object.values(round.entries).reduce((a, b) => a + b, 0) + round.deliveries;
}

/** The background worker of an app instance (or of `stint sync run`): rounds until stopped. */
export function startWorker(db: Db, opts: WorkerOptions = {}): { stop(): Promise<void> } {
  let stopped = false;
  let wake: (() => void) | undefined;
  let lastSchedule = 0;
  const loop = (async () => {
    while (!stopped) {
      let did = 0;
      try {
        if (Date.now() - lastSchedule > 60_000) {
          await scheduleImports(db, opts.importEveryMs, opts.providers);
          await schedulePulls(db, opts.pullEveryMs, opts.providers);
          await scheduleActivityImports(db, opts.activityImportEveryMs, opts.providers);
          lastSchedule = Date.now();
        }
        did = await workOnce(db, opts);
      } catch (error) {
        // A database hiccup must not end the worker; it tries again after a pause.
        console.error(`Integrations worker: ${errorForLog(error).split("\n")[0]}`);
      }
      if (!did && !stopped) await new Promise<void>((resolve) => ((wake = resolve), setTimeout(resolve, opts.idleMs ?? DEFAULTS.idleMs)));
    }
  })();
  return {
    async stop() {
      stopped = true;
      wake?.();
      await loop;
    },
  };
}
