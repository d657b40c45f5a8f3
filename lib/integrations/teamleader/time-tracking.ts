import { DateTime } from "luxon";
import { HeldError, PermanentError, type ProviderContext, type RemoteLogRef, type SyncEntry } from "../types";
import { refId, str, tlList, tlRequest, TeamleaderApiError } from "./client";
import { crossesMidnight, durationSeconds, isComplete, isoInZone, MIDNIGHT_REASON, noUserReason, taskSubject, teamleaderUserOf, type Subject } from "./map";
import type { TeamleaderSettings } from "./settings";

// Pushing entries as Teamleader time entries (contract §5): timeTracking.add → 201 with the id,
// timeTracking.update / .delete → 204. After a crash between Teamleader's create and Stint's commit the
// entry is found again by timeTracking.list for that user and day. Entries past Teamleader's freeze window
// (meta.updatable false) cannot change any more: the entry says so instead of being retried.

type Ctx = ProviderContext<TeamleaderSettings>;

export const LOCKED_REASON = "Locked in Teamleader (past its freeze window): undo this change here, or ask a Teamleader administrator to change it there";

function ready(ctx: Ctx, entry: SyncEntry): { subject: Subject; endAt: Date } {
  const check = isComplete(entry, ctx.settings);
  if (!check.ok) throw new HeldError(check.reason);
  const endAt = entry.endAt!;
  if (crossesMidnight(entry.startAt, endAt, ctx.settings.timeZone)) throw new PermanentError(`${MIDNIGHT_REASON} (in Teamleader's time zone, ${ctx.settings.timeZone})`, "entry");
  const task = taskSubject(entry.remoteTaskId);
  if (task) return { subject: task, endAt };
  const company = ctx.settings.projectCustomers[entry.remoteProjectId!];
  if (!company) throw new PermanentError("Needs a task: this Teamleader project has no customer company to book time on", "entry");
  return { subject: { type: "company", id: company }, endAt };
}

function fields(ctx: Ctx, entry: SyncEntry) {
  const { subject, endAt } = ready(ctx, entry);
  const workType = ctx.settings.projectWorkTypes[entry.remoteProjectId!] ?? ctx.settings.workTypeId;
  return {
    started_at: isoInZone(entry.startAt, ctx.settings.timeZone),
    duration: durationSeconds(entry.startAt, endAt),
    description: entry.description,
    subject,
    invoiceable: entry.billable,
    ...(workType ? { work_type_id: workType } : {}),
  };
}

/** The entry's Teamleader user (see teamleaderUserOf); none matched: held until an import finds one. */
function userOf(ctx: Ctx, entry: SyncEntry): string {
  const user = teamleaderUserOf(entry, ctx.settings);
  if (!user) throw new HeldError(noUserReason(entry.userEmail));
  return user;
}

export async function createLog(ctx: Ctx, entry: SyncEntry): Promise<RemoteLogRef> {
  const body = await tlRequest(ctx, "timeTracking.add", { ...fields(ctx, entry), user_id: userOf(ctx, entry) });
  const id = refId(body?.data);
  if (!id) throw new PermanentError("Teamleader answered timeTracking.add without the id of the entry it made.", "entry");
  return { id, meta: {} };
}

/** A refusal of a write: locked (meta.updatable false) says what to do; anything else as Teamleader said it. */
async function refusal(ctx: Ctx, id: string, error: TeamleaderApiError): Promise<Error> {
  if (error.status !== 403 && error.status !== 400) return error;
  const info = await tlRequest(ctx, "timeTracking.info", { id }).catch(() => null);
  const meta = info?.meta as { updatable?: boolean } | undefined;
  const locked = meta?.updatable === false || (info?.data as { locked?: boolean } | undefined)?.locked === true;
  // Held, not failed: retrying cannot unlock it, only undoing the change here (which makes it due again).
  return locked ? new HeldError(LOCKED_REASON) : error;
}

/** In place; an entry someone deleted in Teamleader is made again. */
export async function updateLog(ctx: Ctx, ref: RemoteLogRef, entry: SyncEntry): Promise<RemoteLogRef> {
  const body = fields(ctx, entry);
  try {
    await tlRequest(ctx, "timeTracking.update", { id: ref.id, ...body });
    return ref;
  } catch (e) {
    if (e instanceof TeamleaderApiError && e.status === 404) return createLog(ctx, entry);
    if (e instanceof TeamleaderApiError) throw await refusal(ctx, ref.id, e);
    throw e;
  }
}

export async function deleteLog(ctx: Ctx, ref: RemoteLogRef): Promise<void> {
  try {
    await tlRequest(ctx, "timeTracking.delete", { id: ref.id });
  } catch (e) {
    if (e instanceof TeamleaderApiError && e.status === 404) return;
    if (e instanceof TeamleaderApiError) throw await refusal(ctx, ref.id, e);
    throw e;
  }
}

/** After a create whose answer was lost: this user's entry of that day with the same start, duration,
 *  description and subject that no other Stint entry holds. */
export async function findLog(ctx: Ctx, entry: SyncEntry, taken: ReadonlySet<string>): Promise<RemoteLogRef | null> {
  if (!isComplete(entry, ctx.settings).ok) return null;
  const want = fields(ctx, entry);
  const userId = userOf(ctx, entry);
  const day = DateTime.fromJSDate(entry.startAt, { zone: ctx.settings.timeZone }).startOf("day");
  const list = await tlList(ctx, "timeTracking.list", {
    filter: { user_id: userId, started_after: isoInZone(day.toJSDate(), ctx.settings.timeZone), started_before: isoInZone(day.plus({ days: 1 }).toJSDate(), ctx.settings.timeZone) },
    sort: [{ field: "starts_on", order: "asc" }],
  });
  for (const t of list) {
    const id = str(t.id);
    if (!id || taken.has(id)) continue;
    if (Math.abs(Date.parse(str(t.started_at)) - entry.startAt.getTime()) >= 1000) continue;
    if (t.duration !== want.duration) continue;
    if (str(t.description).trim() !== want.description.trim()) continue;
    if (refId(t.subject) !== want.subject.id) continue;
    return { id, meta: {} };
  }
  return null;
}
