import { PermanentError, TransientError, type ProviderContext, type RemoteLogRef, type SyncEntry } from "../types";
import { idOf, zohoList, zohoRequest, ZohoApiError } from "./client";
import { durationMinutes, isComplete, logForm, logKindOf, parseHhmm, zohoDate, type ZohoLogKind } from "./map";
import type { ZohoSettings } from "./settings";

// Pushing entries as Zoho time logs (contract §3.4). A task log lives under its task, a general log under
// its project, so the ref's meta keeps kind, project and task: they are part of the log's URL.

type Log = Record<string, unknown>;
type Where = { kind: ZohoLogKind; projectId: string; taskId: string | null };

const enc = encodeURIComponent;

function collectionPath(ctx: ProviderContext<ZohoSettings>, w: Where): string {
  const project = `/restapi/portal/${enc(ctx.settings.portalId)}/projects/${enc(w.projectId)}`;
  return w.kind === "task" ? `${project}/tasks/${enc(w.taskId ?? "")}/logs/` : `${project}/logs/`;
}

const itemPath = (ctx: ProviderContext<ZohoSettings>, w: Where, logId: string) => `${collectionPath(ctx, w)}${enc(logId)}/`;

function whereOf(entry: SyncEntry): Where {
  const check = isComplete(entry);
  if (!check.ok) throw new PermanentError(`Not ready for Zoho Projects: ${check.reason}.`, "entry");
  return { kind: logKindOf(entry), projectId: entry.remoteProjectId!, taskId: entry.remoteTaskId };
}

function whereOfRef(ref: RemoteLogRef): Where {
  const kind = ref.meta.kind === "task" ? "task" : "general";
  const projectId = ref.meta.projectId;
  if (!projectId) throw new PermanentError("This Zoho log reference has no project id.", "entry");
  return { kind, projectId, taskId: kind === "task" ? (ref.meta.taskId ?? null) : null };
}

const refOf = (id: string, w: Where): RemoteLogRef => ({ id, meta: { kind: w.kind, projectId: w.projectId, taskId: w.taskId } });

/** The one log in a write's answer: {"timelogs": {"tasklogs" | "generallogs": [LOG]}}. */
function writtenLogOf(body: Record<string, unknown> | null, kind: ZohoLogKind): Log {
  const timelogs = body?.timelogs as Record<string, unknown> | undefined;
  const list = timelogs?.[kind === "task" ? "tasklogs" : "generallogs"];
  const log = Array.isArray(list) ? (list[0] as Log) : null;
  if (!log || !idOf(log)) throw new TransientError("Zoho Projects answered the write without the log it wrote.");
  return log;
}
const writtenLog = (body: Record<string, unknown> | null, kind: ZohoLogKind) => idOf(writtenLogOf(body, kind))!;

const ownerOf = (log: Log) => (log.owner_id === undefined || log.owner_id === null ? null : String(log.owner_id));

export async function createLog(ctx: ProviderContext<ZohoSettings>, entry: SyncEntry): Promise<RemoteLogRef> {
  const w = whereOf(entry);
  const body = await zohoRequest(ctx, { method: "POST", path: collectionPath(ctx, w), form: logForm(entry, ctx.settings.portalTimeZone) });
  const log = writtenLogOf(body, w.kind);
  const owner = ownerOf(log);
  if (owner && /^\d+$/.test(owner) && owner !== ctx.settings.ownerId) await ctx.remember({ ownerId: owner });
  return refOf(idOf(log)!, w);
}

/** Same kind, project and task: update in place. Otherwise the URL changes: delete, then create. A log
 *  someone deleted in Zoho is created again. */
export async function updateLog(ctx: ProviderContext<ZohoSettings>, ref: RemoteLogRef, entry: SyncEntry): Promise<RemoteLogRef> {
  const old = whereOfRef(ref);
  const w = whereOf(entry);
  if (old.kind !== w.kind || old.projectId !== w.projectId || old.taskId !== w.taskId) {
    await deleteLog(ctx, ref);
    return createLog(ctx, entry);
  }
  try {
    const body = await zohoRequest(ctx, { method: "POST", path: itemPath(ctx, w, ref.id), form: logForm(entry, ctx.settings.portalTimeZone) });
    return refOf(writtenLog(body, w.kind), w);
  } catch (e) {
    if (e instanceof ZohoApiError && e.status === 404) return createLog(ctx, entry);
    throw e;
  }
}

export async function deleteLog(ctx: ProviderContext<ZohoSettings>, ref: RemoteLogRef): Promise<void> {
  try {
    await zohoRequest(ctx, { method: "DELETE", path: itemPath(ctx, whereOfRef(ref), ref.id) });
  } catch (e) {
    if (e instanceof ZohoApiError && e.status === 404) return;
    throw e;
  }
}

/** After a create whose answer was lost: the log of that project and day with the same duration, notes
 *  and task that no other entry has claimed. */
export async function findLog(ctx: ProviderContext<ZohoSettings>, entry: SyncEntry, taken: ReadonlySet<string>): Promise<RemoteLogRef | null> {
  if (!isComplete(entry).ok) return null;
  const w = whereOf(entry);
  const date = zohoDate(entry.startAt, ctx.settings.portalTimeZone);
  const minutes = durationMinutes(entry.startAt, entry.endAt!);
  const notes = entry.description.trim();
  const key = w.kind === "task" ? "tasklogs" : "generallogs";
  const logs = await zohoList(
    ctx,
    {
      path: `/restapi/portal/${enc(ctx.settings.portalId)}/projects/${enc(w.projectId)}/logs/`,
      query: { users_list: "all", view_type: "day", date, bill_status: "All", component_type: w.kind },
    },
    (body) => {
      const days = (body.timelogs as Record<string, unknown> | undefined)?.date;
      return Array.isArray(days) ? days.flatMap((d: Record<string, unknown>) => (Array.isArray(d[key]) ? (d[key] as Log[]) : [])) : [];
    },
  );
  for (const log of logs) {
    const id = idOf(log);
    if (!id || taken.has(id)) continue;
    if (log.log_date !== undefined && log.log_date !== date) continue;
    if (minutesOf(log) !== minutes) continue;
    if (String(log.notes ?? "").trim() !== notes) continue;
    if (w.kind === "task" && idOf(log.task) !== w.taskId) continue;
    // In a team portal a colleague may have logged the same thing: once we know whose logs are ours, only ours.
    if (ctx.settings.ownerId && ownerOf(log) !== ctx.settings.ownerId) continue;
    return refOf(id, w);
  }
  return null;
}

function minutesOf(log: Log): number | null {
  if (typeof log.total_minutes === "number") return log.total_minutes;
  if (typeof log.total_minutes === "string" && /^\d+$/.test(log.total_minutes)) return Number(log.total_minutes);
  return parseHhmm(log.hours_display);
}
