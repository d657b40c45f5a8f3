import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { integrationConnections, integrationJobs, type IntegrationConnection, type IntegrationJob } from "@/db/schema";
import { AppError, errorMessageForRecord } from "@/lib/errors";
import { markConnectionError, providerOf } from "../connections";
import { logEvent } from "../events";
import { builtInProviders, type ProviderRegistry } from "../registry";
import { PermanentError } from "../types";
import { jobKindFor, jobTitle } from "./job-kinds";
import { memberRefusal } from "@/lib/workspaces/actor";

/** Queues a job, or returns the one of the same kind already waiting or running for that connection.
 *  A kind the connection's provider does not have is a 400. */
export async function enqueueJob(
  db: Db,
  connection: Pick<IntegrationConnection, "id" | "workspaceId" | "userId" | "provider">,
  kind: string,
  providers: ProviderRegistry = builtInProviders,
  params: Record<string, unknown> | null = null,
): Promise<IntegrationJob> {
  const provider = providerOf(connection, providers);
  if (!jobKindFor(provider, kind)) throw new AppError("bad_request", `${provider.label} has no "${kind}" job.`);
  const connectionId = connection.id;
  const [existing] = await db
    .select()
    .from(integrationJobs)
    .where(and(eq(integrationJobs.connectionId, connectionId), eq(integrationJobs.kind, kind), inArray(integrationJobs.status, ["queued", "running"])))
    .limit(1);
  if (existing && !params) return existing;
  if (params) {
    // A job with input (an import of some days): one still queued takes the new input (the later ask
    // wins); while one runs with other input, this one queues behind it rather than being lost.
    const [queued] = await db
      .select()
      .from(integrationJobs)
      .where(and(eq(integrationJobs.connectionId, connectionId), eq(integrationJobs.kind, kind), eq(integrationJobs.status, "queued")))
      .limit(1);
    if (queued) return (await db.update(integrationJobs).set({ params }).where(eq(integrationJobs.id, queued.id)).returning())[0];
  }
  const [job] = await db.insert(integrationJobs).values({ workspaceId: connection.workspaceId, userId: connection.userId, connectionId, kind, params }).returning();
  return job;
}

/** A job of a connection the caller already holds (found through getConnectionOrThrow, so its own). */
export async function getJobOrThrow(db: Db, connection: Pick<IntegrationConnection, "id" | "workspaceId">, jobId: number): Promise<IntegrationJob> {
  const [job] = await db
    .select()
    .from(integrationJobs)
    .where(and(eq(integrationJobs.id, jobId), eq(integrationJobs.connectionId, connection.id), eq(integrationJobs.workspaceId, connection.workspaceId)))
    .limit(1);
  if (!job) throw new AppError("not_found", "Job not found.");
  return job;
}

/** The oldest queued job (or one whose worker died), for this worker alone. */
export async function claimJob(db: Db): Promise<IntegrationJob | null> {
  const [job] = await db
    .update(integrationJobs)
    .set({ status: "running", leaseUntil: sql`now() + interval '10 minutes'`, startedAt: sql`coalesce(${integrationJobs.startedAt}, now())` })
    .where(
      sql`${integrationJobs.id} = (select id from integration_jobs
            where status = 'queued' or (status = 'running' and lease_until < now())
            order by id limit 1 for update skip locked)`,
    )
    .returning();
  return job ?? null;
}

export async function setJobProgress(db: Db, jobId: number, done: number, total: number | null, message: string, phase?: string) {
  await db.update(integrationJobs).set({ done, total, message, ...(phase ? { phase } : {}), leaseUntil: sql`now() + interval '10 minutes'` }).where(eq(integrationJobs.id, jobId));
}

/** Runs a claimed job by its kind (lib/integrations/sync/job-kinds.ts), reporting progress on the job. */
export async function runJob(db: Db, job: IntegrationJob, pushDue: (connectionId: number) => Promise<number>, providers: ProviderRegistry = builtInProviders): Promise<void> {
  const [connection] = await db.select().from(integrationConnections).where(eq(integrationConnections.id, job.connectionId));
  let title = "Job";
  try {
    if (!connection) throw new AppError("not_found", "The connection was removed.");
    const provider = providerOf(connection, providers);
    title = jobTitle(provider, job.kind);
    if (connection.status === "error") throw new AppError("conflict", `Reconnect first: ${connection.lastError ?? "the connection stopped."}`);
    const kind = jobKindFor(provider, job.kind);
    if (!kind) throw new AppError("bad_request", `${provider.label} has no "${job.kind}" job.`);
    // Importing fills the workspace's catalog: only for a member who may (decided now, by the policy). A
    // member's sync just sends their entries.
    const importRefusal = await memberRefusal(db, connection, "integration.import");
    const message = await kind.run({ db, connection, provider, providers, job, importRefusal, pushDue, progress: (done, total, text, phase) => setJobProgress(db, job.id, done, total, text, phase) });
    await db
      .update(integrationJobs)
      .set({ status: "succeeded", phase: "done", message, finishedAt: new Date(), leaseUntil: null, done: sql`coalesce(${integrationJobs.total}, ${integrationJobs.done})` })
      .where(eq(integrationJobs.id, job.id));
  } catch (error) {
    const message = errorMessageForRecord(error);
    if (connection && error instanceof PermanentError && error.scope === "connection") await markConnectionError(db, connection.id, message);
    await db.update(integrationJobs).set({ status: "failed", message, finishedAt: new Date(), leaseUntil: null }).where(eq(integrationJobs.id, job.id));
    if (connection) await logEvent(db, connection.id, "error", `${title} failed: ${message}`);
  }
}
