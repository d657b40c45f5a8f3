import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db";
import type { AppError } from "@/lib/errors";
import { entrySyncLinks, type IntegrationConnection, type IntegrationJob } from "@/db/schema";
import { providerContext } from "../context";
import type { AnyProvider, ProviderRegistry } from "../registry";
import { importActivity, type ActivityRange } from "./import-activity";
import { importProjects } from "./import-projects";
import { pullRemoteChanges } from "./pull-apply";

// The kinds of job a connection can run: the engine's own, each available when the provider has the
// capability it needs, plus the jobs a provider registers itself (Provider.jobs). The only list of kinds.

export type JobWork = {
  db: Db;
  connection: IntegrationConnection;
  provider: AnyProvider;
  providers: ProviderRegistry;
  job: IntegrationJob;
  progress(done: number, total: number | null, message: string): Promise<void>;
  /** Pushes the connection's due entries (the worker's own loop); returns how many. */
  pushDue(connectionId: number): Promise<number>;
  /** Why the connection's member may not import into the workspace's catalog (the policy), or null. */
  importRefusal: AppError | null;
};

type JobKind = { title: string; available(provider: AnyProvider): boolean; run(work: JobWork): Promise<string> };

async function runImport(work: JobWork, extraSteps: number): Promise<string> {
  const { db, connection, providers } = work;
  const imported = await importProjects(db, connection, (done, total, message) => work.progress(done, total + extraSteps, message), providers);
  return `Imported ${imported.projects} projects and ${imported.tasks} tasks.`;
}

const ENGINE_KINDS: Record<string, JobKind> = {
  import_projects: {
    title: "Import",
    available: (p) => p.import !== undefined,
    run(work) {
      if (work.importRefusal) throw work.importRefusal;
      return runImport(work, 0);
    },
  },
  // "Sync now": import (when the provider has projects and the member may import: a member's sync just
  // sends their entries), pull remote changes (two-way providers: before the push, so that the push sends
  // the entries' Stint versions that won), then make every waiting or failed entry due now and push.
  sync: {
    title: "Sync",
    available: (p) => p.import !== undefined || p.push !== undefined,
    async run(work) {
      const { db, connection, provider } = work;
      let message = provider.import && !work.importRefusal ? await runImport(work, (provider.push ? 1 : 0) + (provider.pull ? 1 : 0)) : "";
      if (provider.pull) message += `${message ? " " : ""}${await pullRemoteChanges(db, connection, provider)}`;
      if (provider.push) {
        await db
          .update(entrySyncLinks)
          .set({ state: "pending", nextAttemptAt: new Date(), attempts: 0 })
          .where(and(eq(entrySyncLinks.connectionId, connection.id), inArray(entrySyncLinks.state, ["pending", "failed"])));
        message += `${message ? " " : ""}Pushed ${await work.pushDue(connection.id)} entries.`;
      }
      return message;
    },
  },
  // An activity source's days (RescueTime): the range in the job's params ({from, to} local days), or,
  // scheduled, since the connection's "activity" cursor. Personal data: no catalog, no import policy.
  import: {
    title: "Import activity",
    available: (p) => p.activity !== undefined,
    run: ({ db, connection, providers, job, progress }) => importActivity(db, connection, (job.params as ActivityRange | null) ?? null, progress, providers),
  },
  // Remote changes since the connection's "logs" cursor, applied to the entries (./pull-apply.ts); the
  // cursor moves only after they were.
  pull: {
    title: "Pull",
    available: (p) => p.pull !== undefined,
    run: ({ db, connection, provider }) => pullRemoteChanges(db, connection, provider),
  },
};

/** The job kind `kind` of this provider, or undefined when it has no such job. */
export function jobKindFor(provider: AnyProvider, kind: string): JobKind | undefined {
  const own = provider.jobs && Object.hasOwn(provider.jobs, kind) ? provider.jobs[kind] : undefined;
  if (own) return { title: kind, available: () => true, run: (work) => own({ ctx: providerContext(work.db, work.connection, work.provider), progress: work.progress }) };
  const engine = Object.hasOwn(ENGINE_KINDS, kind) ? ENGINE_KINDS[kind] : undefined;
  return engine?.available(provider) ? engine : undefined;
}

/** Every kind a provider's connections can run. */
export function jobKindsOf(provider: AnyProvider): string[] {
  return [...Object.keys(ENGINE_KINDS).filter((k) => ENGINE_KINDS[k].available(provider)), ...Object.keys(provider.jobs ?? {})];
}

export const jobTitle = (provider: AnyProvider, kind: string) => jobKindFor(provider, kind)?.title ?? kind;
