import crypto from "node:crypto";
import { PermanentError, TransientError, type ProviderContext, type RemoteLogRef, type SyncEntry } from "../types";
import { AlpApiError, alpFetch, alpList, idOf, targetOf } from "./client";
import { entryBody, externalRef, isComplete, localStart, type AlpEntryBody } from "./map";
import { alpUserId } from "./people";
import type { AlpSettings } from "./settings";

// Pushing entries as ALP time entries, exactly once: every create carries an Idempotency-Key unique per
// Stint entry version (a retry of a lost answer gets 200 and the same entry), and after a crash the engine
// asks findLog, which looks for the entry's external_ref in that user's day before anything is created again.

type Json = Record<string, unknown>;

/** The reason shown on an entry ALP will not change any more. */
export const INVOICED = "Invoiced in ALP: change or delete it there (Stint's change was not sent)";

async function bodyFor(ctx: ProviderContext<AlpSettings>, entry: SyncEntry): Promise<AlpEntryBody> {
  const check = isComplete(entry);
  if (!check.ok) throw new PermanentError(`Not ready for ALP: ${check.reason}.`, "entry");
  return entryBody(entry, ctx.settings, await alpUserId(ctx, entry));
}

/** "<external_ref>:v<version>": the same across retries of one version, new after any change. */
export function idempotencyKey(entry: SyncEntry, body: AlpEntryBody): string {
  const version = entry.version ?? `h${crypto.createHash("sha256").update(JSON.stringify(body)).digest("hex").slice(0, 16)}`;
  return `${externalRef(entry)}:v${version}`;
}

function writtenId(json: Json | null): string {
  const id = idOf((json?.data as Json | undefined)?.id);
  if (!id) throw new TransientError("ALP answered the write without the entry's id.");
  return id;
}

const invoiced = (e: unknown) => e instanceof AlpApiError && e.status === 409 && e.code === "invoiced";

export async function createLog(ctx: ProviderContext<AlpSettings>, entry: SyncEntry): Promise<RemoteLogRef> {
  const body = await bodyFor(ctx, entry);
  try {
    const { json } = await alpFetch(await targetOf(ctx), { method: "POST", path: "/time_entries", body, headers: { "Idempotency-Key": idempotencyKey(entry, body) } });
    return { id: writtenId(json), meta: {} };
  } catch (e) {
    // The key was used with another body (the matter's default GST changed between two tries of this
    // version): the entry exists; the next round finds it by external_ref and updates it.
    if (e instanceof AlpApiError && e.status === 409 && !invoiced(e)) throw new TransientError(`ALP already has this entry from an earlier try (${e.message}): Stint finds it and updates it.`);
    throw e;
  }
}

/** A PATCH with every field; an entry deleted in ALP is created again; an invoiced one is left alone. */
export async function updateLog(ctx: ProviderContext<AlpSettings>, ref: RemoteLogRef, entry: SyncEntry): Promise<RemoteLogRef> {
  const body = await bodyFor(ctx, entry);
  try {
    const { json } = await alpFetch(await targetOf(ctx), { method: "PATCH", path: `/time_entries/${encodeURIComponent(ref.id)}`, body });
    return { id: idOf((json?.data as Json | undefined)?.id) ?? ref.id, meta: {} };
  } catch (e) {
    if (e instanceof AlpApiError && e.status === 404) return createLog(ctx, entry);
    if (invoiced(e)) throw new PermanentError(INVOICED, "entry");
    throw e;
  }
}

export async function deleteLog(ctx: ProviderContext<AlpSettings>, ref: RemoteLogRef): Promise<void> {
  try {
    await alpFetch(await targetOf(ctx), { method: "DELETE", path: `/time_entries/${encodeURIComponent(ref.id)}` });
  } catch (e) {
    if (e instanceof AlpApiError && e.status === 404) return;
    if (invoiced(e)) throw new PermanentError(INVOICED, "entry");
    throw e;
  }
}

/** After a create whose answer was lost: the entry with this entry's external_ref in the user's day. */
export async function findLog(ctx: ProviderContext<AlpSettings>, entry: SyncEntry, taken: ReadonlySet<string>): Promise<RemoteLogRef | null> {
  if (!isComplete(entry).ok) return null;
  const userId = await alpUserId(ctx, entry);
  const ref = externalRef(entry);
  const day = await alpList(await targetOf(ctx), "/time_entries", { user_id: userId, date: localStart(entry).date });
  for (const e of day) {
    const id = idOf(e.id);
    if (id && !taken.has(id) && e.external_ref === ref) return { id, meta: {} };
  }
  return null;
}
