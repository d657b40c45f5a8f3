"use server";

import { userContext } from "@/lib/context";
import { AppError } from "@/lib/errors";
import {
  disconnectIntegration,
  entrySyncStates,
  getJob,
  integrationEvents,
  listIntegrations,
  retryEntrySync,
  serializeEvent,
  serializeJob,
  startImport,
  startSync,
} from "@/lib/integrations/service";

// The Integrations page's and the entries list's adapters over lib/integrations/service.ts (the same
// functions /api/v1/integrations calls). A refused action returns { error } (Next hides thrown messages).

export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: string };

async function run<T>(work: (ctx: Awaited<ReturnType<typeof userContext>>) => Promise<T>): Promise<ActionResult<T>> {
  const ctx = await userContext();
  try {
    return { ok: true, data: await work(ctx) };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: error.message };
    throw error;
  }
}

const id = (value: unknown) => {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n <= 0) throw new AppError("not_found", "Integration not found.");
  return n;
};

export async function listIntegrationsAction() {
  return run(({ db, user }) => listIntegrations(db, user.id));
}

export async function startSyncAction(connectionId: number) {
  return run(async ({ db, user }) => serializeJob(await startSync(db, user.id, id(connectionId))));
}

export async function startImportAction(connectionId: number) {
  return run(async ({ db, user }) => serializeJob(await startImport(db, user.id, id(connectionId))));
}

export async function getJobAction(connectionId: number, jobId: number) {
  return run(async ({ db, user }) => serializeJob(await getJob(db, user.id, id(connectionId), id(jobId))));
}

export async function integrationEventsAction(connectionId: number) {
  return run(async ({ db, user }) => (await integrationEvents(db, user.id, id(connectionId), 100)).map(serializeEvent));
}

export async function disconnectAction(connectionId: number) {
  return run(async ({ db, user }) => {
    await disconnectIntegration(db, user.id, id(connectionId));
    return null;
  });
}

/** Sync states of some entries (the entries list asks once for what it shows). */
export async function entrySyncStatesAction(entryIds: number[]) {
  const ids = Array.isArray(entryIds) ? entryIds.map(Number).filter((n) => Number.isSafeInteger(n) && n > 0).slice(0, 500) : [];
  return run(({ db, user }) => entrySyncStates(db, user.id, ids));
}

export async function retryEntrySyncAction(entryId: number) {
  return run(async ({ db, user }) => {
    await retryEntrySync(db, user.id, id(entryId));
    return null;
  });
}
