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
  progress(done: number, total: number | null, message: string, phase?: string): Promise<void>;
  /** Pushes the connection's due entries (the worker's own loop); returns how many. */
  pushDue(connectionId: number): Promise<number>;
  /** Why the connection's member may not import into the workspace's catalog (the policy), or null. */
  importRefusal: AppError | null;
};

type JobKind = { title: string; available(provider: AnyProvider): boolean; run(work: JobWork): Promise<string> };

/** Imports; returns its closing message and how many steps it took (the sync's pull and push follow). */
async function runImport(work: JobWork, extraSteps: number): Promise<{ message: string; steps: number }> {
  const { db, connection, providers } = work;
  let steps = 0;
  const imported = await importProjects(db, connection, (done, total, message, phase) => ((steps = total), work.progress(done, total + extraSteps, message, phase)), providers);
  const members = imported.members ? ` Matched ${imported.members.matched} of ${imported.members.members} members.` : "";
  return { message: `Imported ${imported.projects} projects and ${imported.tasks} tasks.${members}`, steps };
}

const ENGINE_KINDS: Record<string, JobKind> = {
  import_projects: {
    title: "Import",
    available: (p) => p.import !== undefined,
    run(work) {
      if (work.importRefusal) throw work.importRefusal;
      return runImport(work, 0).then((r) => r.message);
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
      const after = (provider.push ? 1 : 0) + (provider.pull ? 1 : 0);
      const imported = provider.import && !work.importRefusal ? await runImport(work, after) : { message: "", steps: 0 };
      let message = imported.message;
      const total = imported.steps + after;
      let done = imported.steps;
      if (provider.pull) {
        await work.progress(done, total, "Pulling changes made remotely.", "pull");
        const pulled = await pullRemoteChanges(db, connection, provider);
        message += `${message ? " " : ""}${pulled}`;
        await work.progress(++done, total, pulled, "pull");
      }
      if (provider.push) {
        await work.progress(done, total, "Pushing waiting entries.", "push");
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
    async run({ db, connection, provider, progress }) {
      await progress(0, 1, "Pulling changes made remotely.", "pull");
      return pullRemoteChanges(db, connection, provider);
    },
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
