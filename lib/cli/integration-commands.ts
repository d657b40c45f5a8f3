import type { Db } from "@/db";
import { AppError } from "@/lib/errors";
import { importProjects } from "@/lib/integrations/sync/import-projects";
import { getConnectionOrThrow, listConnections } from "@/lib/integrations/connections";
import { builtInProviders } from "@/lib/integrations/registry";
import { connectWithCredentials, listIntegrations, serializeJob, startSync } from "@/lib/integrations/service";
import { getJobOrThrow } from "@/lib/integrations/sync/jobs";
import { emptyPushTally, scheduleImports, startWorker, workRound, type PushTally } from "@/lib/integrations/sync/worker";
import { schedulePulls } from "@/lib/integrations/sync/pull-schedule";
import { SCOPES } from "@/lib/tokens/scopes";
import { getUserByEmailOrThrow } from "@/lib/users/service";
import { userActor } from "@/lib/workspaces/actor";
import { str, type Command, type CommandContext } from "./command";

// The integration commands, for servers without a browser. They call lib/integrations like the pages do.
export const INTEGRATION_COMMANDS: Record<string, Command> = {
  "integrations list": {
    usage: "integrations list --user E",
    options: { user: { type: "string" } },
    required: ["user"],
    async run(db, flags) {
      const actor = await userActor(db, await getUserByEmailOrThrow(db, str(flags, "user")!), SCOPES);
      const list = await listIntegrations(db, actor);
      const lines = list.map(
        (c) =>
          `${c.id}\t${c.provider}\t${c.label}\t${c.status}${c.last_error ? ` (${c.last_error})` : ""}\tsynced ${c.entries.synced}, waiting ${c.entries.pending}, incomplete ${c.entries.incomplete}, failed ${c.entries.failed}`,
      );
      return { text: lines.length ? lines.join("\n") : "No integrations.", json: list };
    },
  },
  "integrations connect": {
    usage:
      "integrations connect <provider> --user E (--refresh-token T | --api-key K) [--set name=value,...]   (settings by the names of the provider's connect form, e.g. --set dc=eu,portalId=123; OAuth clients from the provider's variables)",
    options: { user: { type: "string" }, "refresh-token": { type: "string" }, "api-key": { type: "string" }, set: { type: "string" } },
    required: ["user"],
    positional: "provider",
    async run(db, flags, ctx) {
      const provider = str(flags, "_provider");
      if (!provider) throw new AppError("bad_request", "Name the provider: integrations connect zoho-projects ...");
      const providers = ctx.providers ?? builtInProviders;
      const actor = await userActor(db, await getUserByEmailOrThrow(db, str(flags, "user")!), SCOPES);
      const settings = settingsFlag(str(flags, "set"));
      const connection = await connectWithCredentials(db, actor, provider, { refresh_token: str(flags, "refresh-token"), api_key: str(flags, "api-key"), settings }, providers);
      const imported = await importProjects(db, connection, undefined, providers);
      return {
        text: `Connected ${connection.label} (id ${connection.id}); imported ${imported.projects} projects and ${imported.tasks} tasks.`,
        json: { id: connection.id, provider: connection.provider, label: connection.label, imported },
      };
    },
  },
  "integrations import-projects": {
    usage: "integrations import-projects --user E [--connection ID]",
    options: { user: { type: "string" }, connection: { type: "string" } },
    required: ["user"],
    async run(db, flags, ctx) {
      const actor = await userActor(db, await getUserByEmailOrThrow(db, str(flags, "user")!), SCOPES);
      const id = connectionFlag(flags);
      const connections = id !== undefined ? [await getConnectionOrThrow(db, actor, id)] : (await listConnections(db, actor)).filter((c) => c.status === "active");
      const results = [];
      for (const c of connections) {
        const progress = (done: number, total: number, message: string, phase: string) => ctx.progress?.({ phase, done, total, message: `${c.label}: ${message}` });
        results.push({ id: c.id, label: c.label, ...(await importProjects(db, c, progress, ctx.providers)) });
      }
      return {
        text: results.length
          ? results
              .map((r) => `${r.label}: ${r.projects} projects, ${r.tasks} tasks${r.members ? `, ${r.members.matched} of ${r.members.members} members matched to its users` : ""}`)
              .join("\n")
          : "No active integrations.",
        json: results,
      };
    },
  },
  "sync run": {
    usage: "sync run [--once] | sync run --connection ID --user E   (without --once keep running until stopped; --connection: Sync now for one connection, with its progress)",
    options: { once: { type: "boolean" }, connection: { type: "string" }, user: { type: "string" } },
    required: [],
    async run(db, flags, ctx) {
      if (flags.connection !== undefined) return syncConnection(db, flags, ctx);
      if (flags.once) return runOnce(db, ctx);
      if (ctx.via === "server") {
        throw new AppError(
          "conflict",
          "A Stint server holds this data folder and runs the worker itself. Use `sync run --once`, or run separate workers against PostgreSQL (DATABASE_URL) with STINT_WORKER=off on the servers.",
        );
      }
      const worker = startWorker(db, { providers: ctx.providers });
      await new Promise<void>((resolve) => {
        process.once("SIGINT", resolve);
        process.once("SIGTERM", resolve);
      });
      await worker.stop();
      return { text: "Worker stopped.", json: { stopped: true } };
    },
  },
};

/** `--connection 12`: a connection's number, or undefined when not given. */
function connectionFlag(flags: Parameters<Command["run"]>[1]): number | undefined {
  const id = str(flags, "connection");
  if (id !== undefined && !/^\d{1,9}$/.test(id)) throw AppError.validation({ connection: ["Give the connection's number (see integrations list)."] });
  return id === undefined ? undefined : Number(id);
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * "Sync now" for one connection (import, pull, push), as the API's POST /integrations/{id}/sync, followed
 * to its end: the job's phase and steps as they change. This process works on the queue itself unless a
 * server holds the data folder (then the server's worker does, and this only follows).
 */
async function syncConnection(db: Db, flags: Parameters<Command["run"]>[1], ctx: CommandContext) {
  if (!str(flags, "user")) throw AppError.validation({ user: ["Give --user: whose connection it is (or an admin of its workspace)."] });
  const actor = await userActor(db, await getUserByEmailOrThrow(db, str(flags, "user")!), SCOPES);
  const connection = await getConnectionOrThrow(db, actor, connectionFlag(flags)!);
  const queued = await startSync(db, actor, connection.id, ctx.providers);
  let shown = "";
  const follow = async () => {
    const job = await getJobOrThrow(db, connection, queued.id);
    const line = `${job.phase}|${job.done}|${job.total}|${job.message}`;
    if (line !== shown && job.message) {
      shown = line;
      ctx.progress?.({ phase: job.phase ?? job.kind, done: job.done, total: job.total, message: job.message });
    }
    return job;
  };
  for (;;) {
    const job = await follow();
    // A failed sync fails the command (a cron job notices), with the job's reason.
    if (job.status === "failed") throw new AppError("conflict", `${connection.label}: the sync failed. ${job.message ?? ""}`.trim());
    if (job.status === "succeeded") return { text: `${connection.label}: synced. ${job.message ?? ""}`.trim(), json: serializeJob(job) };
    if (ctx.via === "server") {
      await pause(250);
      continue;
    }
    // The job's own progress is written as it runs: read it alongside.
    const watching = setInterval(() => void follow().catch(() => {}), 250);
    try {
      const round = await workRound(db, { providers: ctx.providers });
      // Claimed by another worker (a server on the same PostgreSQL): wait for it to finish it.
      if (!round.jobs.length) await pause(250);
    } finally {
      clearInterval(watching);
    }
  }
}

/** `--set account=acme,region=eu`: a provider's settings by the names of its settings form. */
function settingsFlag(value: string | undefined): Record<string, string> {
  const settings: Record<string, string> = {};
  for (const pair of (value ?? "").split(",").filter((p) => p.trim())) {
    const at = pair.indexOf("=");
    if (at <= 0) throw AppError.validation({ set: [`Write each setting as name=value (got "${pair}").`] });
    settings[pair.slice(0, at).trim()] = pair.slice(at + 1).trim();
  }
  return settings;
}

/** Due imports and pulls, queued jobs and due pushes until nothing is left that is due now; says how many of each. */
async function runOnce(db: Db, ctx: CommandContext) {
  const providers = ctx.providers;
  await scheduleImports(db, undefined, providers);
  await schedulePulls(db, undefined, providers);
  const jobs: { id: number; kind: string; connection_id: number; status: string; message: string | null }[] = [];
  const entries = emptyPushTally();
  let deliveries = 0;
  for (;;) {
    const round = await workRound(db, { providers }, (job) => {
      jobs.push({ id: job.id, kind: job.kind, connection_id: job.connectionId, status: job.status, message: job.message });
      ctx.progress?.({ phase: job.phase ?? job.kind, done: jobs.length, total: null, message: `Job ${job.id} (${job.kind}, connection ${job.connectionId}) ${job.status}: ${job.message ?? ""}`.trim() });
    });
    for (const [k, n] of Object.entries(round.entries)) entries[k as keyof PushTally] += n;
    deliveries += round.deliveries;
    const did = round.jobs.length + Object.values(round.entries).reduce((a, b) => a + b, 0) + round.deliveries;
    if (!did) break;
    ctx.progress?.({ phase: "push", done: entries.sent, total: null, message: `Entries so far: ${entryCounts(entries)}.` });
  }
  const failed = jobs.filter((j) => j.status === "failed").length;
  const text = `Ran ${plural(jobs.length, "job", "jobs")}${failed ? ` (${failed} failed)` : ""}; entries: ${entryCounts(entries)}; ${plural(deliveries, "webhook delivery attempt", "webhook delivery attempts")}.`;
  return { text, json: { jobs, entries, deliveries } };
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "2 sent, 1 held, 0 to retry, 0 failed" (and the stopped ones, if any: their connection needs reconnecting). */
function entryCounts(t: PushTally): string {
  return `${t.sent} sent, ${t.held} held, ${t.retrying} to retry, ${t.failed} failed${t.stopped ? `, ${t.stopped} stopped (reconnect)` : ""}`;
}
