import { and, eq, isNotNull, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { entrySyncLinks, projects, timeEntries, type IntegrationConnection, type TimeEntry } from "@/db/schema";
import { createEntry, updateEntry } from "@/lib/entries/service";
import type { UpdateEntryInput } from "@/lib/entries/schema";
import { moveEntryToTrash } from "@/lib/entries/trash";
import { AppError, errorMessageForRecord, pgErrorCode } from "@/lib/errors";
import { getUserById } from "@/lib/users/service";
import { memberActor, memberRole, type MemberActor } from "@/lib/workspaces/actor";
import { can } from "@/lib/workspaces/policy";
import { providerContext } from "../context";
import { logEvent } from "../events";
import type { AnyProvider } from "../registry";
import type { RemoteLogChange } from "../types";
import { readCursor, saveCursor } from "./cursors";
import { entryFromSnapshot } from "./entry-view";
import { memberUsersOf } from "./member-users";

// Two-way sync, the incoming half: logs changed in the outside system (PullCapability.changesSince) become
// changes of Stint's entries. Each change is applied in its own transaction, and the cursor is stored only
// after all of them, so a crash in between pulls them again: applying a change twice changes nothing.
//
// The rules, whatever the provider:
// - a log linked to an entry (entry_sync_links.remote_id of this connection): deleted → the entry goes to
//   the trash (restorable) and the link goes; changed → the entry's start, end, description and project
//   (one this connection imported) change, checked by the entries service like any other write;
// - changed on both sides since the last sync (Stint's edit not pushed yet: version > synced_version): the
//   later change wins, Stint's updated_at against the provider's updated time (RemoteLogChange.changedAt) or,
//   without one, when the pull saw the change; the sync log says which side won and why;
// - the change is already remote: the link is marked synced in the same transaction, so it is never
//   pushed back (the outbox trigger marked it pending when the entry changed);
// - an unknown log becomes an entry (source "import"), linked and synced, of the member matched to its
//   remote user (ownersOf), else of the connection's member;
// - a change the rules refuse is logged on the connection and skipped; it never fails the pull.

/** The cursor stream of remote logs (integration_cursors.stream). */
export const LOGS_STREAM = "logs";

/** Namespace of the per-connection advisory lock: a connection's changes are applied one at a time, so two
 *  pulls running at once (a scheduled pull and a "Sync now") cannot both create an entry for one new log. */
const PULL_LOCK = 7_246_013;

type Outcome = "updated" | "created" | "trashed" | "kept" | "unchanged" | "stale" | "skipped";
export type PullTally = Record<Outcome, number>;

/** A remote change the rules refuse: logged and skipped. */
class Refused extends Error {}

/**
 * Pulls the connection's remote changes since its cursor, applies them, then moves the cursor. Returns the
 * job's closing message.
 */
export async function pullRemoteChanges(db: Db, connection: IntegrationConnection, provider: AnyProvider): Promise<string> {
  if (!provider.pull) return "Nothing to pull.";
  const since = await readCursor(db, connection.id, LOGS_STREAM);
  const fetchedAt = new Date();
  const { changes, cursor } = await provider.pull.changesSince(providerContext(db, connection, provider), since);
  const tally = await applyRemoteChanges(db, connection, provider, changes, { fetchedAt });
  // Only now: dying before this line pulls the same changes again, which finds them applied.
  await saveCursor(db, connection.id, LOGS_STREAM, cursor);
  const message = describeTally(changes.length, tally);
  await logEvent(db, connection.id, "info", message);
  return message;
}

/**
 * Applies remote changes in order, each in its own transaction. `fetchedAt`: when the provider was asked;
 * a link pushed after that has a newer remote state than the change, which the next pull brings.
 */
export async function applyRemoteChanges(
  db: Db,
  connection: IntegrationConnection,
  provider: Pick<AnyProvider, "label">,
  changes: readonly RemoteLogChange[],
  opts: { fetchedAt: Date },
): Promise<PullTally> {
  const tally: PullTally = { updated: 0, created: 0, trashed: 0, kept: 0, unchanged: 0, stale: 0, skipped: 0 };
  if (!changes.length) return tally;
  const member = await connectionMember(db, connection);
  const owners = ownersOf(connection, member);
  for (const change of changes) {
    const at: { entryId?: number } = {};
    let outcome: Outcome;
    try {
      outcome = await applyChange(db, { connection, label: provider.label, member, ownerOf: owners, fetchedAt: opts.fetchedAt, now: new Date() }, change, at);
    } catch (error) {
      // A database or programming failure fails the pull (the cursor stays: it is tried again); a change
      // the rules refuse is only this change's problem.
      if (!isRefusal(error)) throw error;
      await logEvent(db, connection.id, "warn", `Skipped a change of ${provider.label} log ${String(change.ref?.id).slice(0, 100)}: ${refusalText(error)}`, at.entryId);
      outcome = "skipped";
    }
    tally[outcome]++;
  }
  return tally;
}

type Apply = {
  connection: IntegrationConnection;
  label: string;
  /** The connection's member: edits and deletions act as them (the entries service checks the policy). */
  member: MemberActor;
  /** Whose new entry a remote log of `remoteUserId` becomes (see ownersOf). */
  ownerOf(tx: Db, remoteUserId: string | undefined): Promise<MemberActor>;
  fetchedAt: Date;
  now: Date;
};

async function applyChange(db: Db, a: Apply, change: RemoteLogChange, at: { entryId?: number }): Promise<Outcome> {
  assertWellFormed(change);
  const { connection } = a;
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${PULL_LOCK}, ${connection.id})`);
    const [known] = await tx
      .select({ entryId: entrySyncLinks.entryId })
      .from(entrySyncLinks)
      .where(and(eq(entrySyncLinks.connectionId, connection.id), eq(entrySyncLinks.remoteId, change.ref.id)))
      .limit(1);
    if (!known) return change.deleted ? "unchanged" : createFromRemote(tx, a, change, at);
    at.entryId = known.entryId;

    // The entry first, then its link: the order in which an edit (and its outbox trigger) takes them.
    const [entry] = await tx
      .select()
      .from(timeEntries)
      .where(and(eq(timeEntries.id, known.entryId), eq(timeEntries.workspaceId, connection.workspaceId)))
      .for("update");
    const linkKey = and(eq(entrySyncLinks.connectionId, connection.id), eq(entrySyncLinks.entryId, known.entryId));
    const [link] = await tx.select().from(entrySyncLinks).where(linkKey).for("update");
    // A push re-linked or dropped it meanwhile: its remote state is newer than this change.
    if (!link || link.remoteId !== change.ref.id) return "stale";

    if (link.version > link.syncedVersion) {
      // Changed on both sides since the last sync: the later change wins. Stint's side is the entry's
      // updated_at; the remote side is the time the provider says it changed, or else when this pull saw it
      // (a provider without an updated time, e.g. Teamleader: its change happened at the latest then).
      const remoteAt = change.changedAt ?? a.fetchedAt;
      const remoteWhen = change.changedAt ? `changed there at ${change.changedAt.toISOString()}` : `seen there at ${a.fetchedAt.toISOString()}`;
      // A tie goes to Stint: its edit is the one not sent yet.
      if (!entry || entry.updatedAt.getTime() >= remoteAt.getTime()) {
        // A log deleted remotely is forgotten, so the next push creates it again instead of updating a missing log.
        if (change.deleted) await tx.update(entrySyncLinks).set({ remoteId: null, remoteMeta: null, updatedAt: a.now }).where(linkKey);
        await logEvent(
          tx,
          connection.id,
          "info",
          entry
            ? `Conflict on log ${change.ref.id}, Stint won: edited in Stint at ${entry.updatedAt.toISOString()}, not before the ${change.deleted ? "deletion" : "change"} in ${a.label} (${remoteWhen}); Stint's version is sent on the next push.`
            : `Conflict on log ${change.ref.id}, Stint won: deleted in Stint, so it is removed from ${a.label} on the next push.`,
          known.entryId,
        );
        return "kept";
      }
      const outcome = change.deleted ? await trashFromRemote(tx, a, entry, change, linkKey) : await updateFromRemote(tx, a, entry, link, change, linkKey, true);
      await logEvent(
        tx,
        connection.id,
        "info",
        `Conflict on log ${change.ref.id}, ${a.label} won: ${change.deleted ? "deleted" : "changed"} there (${remoteWhen}), later than the edit in Stint at ${entry.updatedAt.toISOString()}; ${change.deleted ? "the entry was moved to the trash" : "the entry now says what it says there"}.`,
        entry.id,
      );
      return outcome === "unchanged" ? "updated" : outcome;
    }
    if (link.syncedAt && link.syncedAt.getTime() >= a.fetchedAt.getTime()) return "stale";
    // Deleting an entry marks its link pending, so a synced link always has its entry; nothing to do otherwise.
    if (!entry) return "unchanged";

    if (change.deleted) return trashFromRemote(tx, a, entry, change, linkKey);
    return updateFromRemote(tx, a, entry, link, change, linkKey, false);
  });
}

type LinkKey = ReturnType<typeof and>;

async function trashFromRemote(tx: Db, a: Apply, entry: TimeEntry, change: RemoteLogChange, linkKey: LinkKey): Promise<Outcome> {
  await moveEntryToTrash(tx, a.member, entry.id, a.now);
  await tx.delete(entrySyncLinks).where(linkKey);
  await logEvent(tx, a.connection.id, "info", `Log ${change.ref.id} was deleted in ${a.label}: the entry was moved to the trash.`, entry.id);
  return "trashed";
}

/** The remote log's state becomes the entry's; the link is in sync after it (nothing is sent back). */
async function updateFromRemote(tx: Db, a: Apply, entry: TimeEntry, link: { state: string; remoteMeta: Record<string, string | null> | null }, change: RemoteLogChange, linkKey: LinkKey, conflict: boolean): Promise<Outcome> {
  const patch = await patchFor(tx, a, entry, change);
  // Nothing new (Stint's own push coming back, or this change applied before a crash): write nothing.
  if (!patch && !conflict && link.state === "synced" && sameMeta(link.remoteMeta, change.ref.meta)) return "unchanged";
  if (patch) await updateEntry(tx, a.member, entry.id, patch, { now: a.now });
  // The outbox trigger made the link pending for this edit; the remote log already says it.
  await tx
    .update(entrySyncLinks)
    .set({ syncedVersion: sql`${entrySyncLinks.version}`, state: "synced", remoteMeta: change.ref.meta, lastError: null, attempts: 0, updatedAt: a.now })
    .where(linkKey);
  if (!patch) return "unchanged";
  if (!conflict) await logEvent(tx, a.connection.id, "info", `Log ${change.ref.id} was changed in ${a.label}: the entry was updated (${Object.keys(patch).join(", ")}).`, entry.id);
  return "updated";
}

/** An unknown remote log: a new entry of the connection's member on the project it maps to, linked and synced. */
async function createFromRemote(tx: Db, a: Apply, change: RemoteLogChange, at: { entryId?: number }): Promise<Outcome> {
  const { connection } = a;
  if (!change.startAt || !change.endAt) throw new Refused("a new log needs a start and an end.");
  const projectId = await importedProjectId(tx, a, change.remoteProjectId ?? null);
  const pushing = await unfinishedPushLike(tx, connection.id, change);
  if (pushing !== null) {
    // Stint's own create whose answer was not recorded yet (a crash, a lost answer): the push's
    // reconciliation adopts this log; a new entry here would make it a duplicate.
    at.entryId = pushing;
    await logEvent(tx, connection.id, "info", `Log ${change.ref.id} looks like this entry's own push, not recorded yet: left to that push to adopt.`, pushing);
    return "stale";
  }
  const owner = await a.ownerOf(tx, change.remoteUserId);
  const created = await createEntry(
    tx,
    owner,
    { project_id: projectId, notes: change.description ?? "", start_time: change.startAt.toISOString(), end_time: change.endAt.toISOString() },
    { now: a.now, source: "import" },
  );
  const entryId = created.entry.id;
  at.entryId = entryId;
  // The outbox trigger linked it (pending) when the connection receives it; either way it is this log, in sync.
  const synced = { state: "synced" as const, remoteId: change.ref.id, remoteMeta: change.ref.meta, attempt: null, attempts: 0, lastError: null, pulled: true, updatedAt: a.now };
  await tx
    .insert(entrySyncLinks)
    .values({ connectionId: connection.id, entryId, workspaceId: connection.workspaceId, userId: owner.userId, version: 1, syncedVersion: 1, ...synced })
    .onConflictDoUpdate({ target: [entrySyncLinks.connectionId, entrySyncLinks.entryId], set: { ...synced, syncedVersion: sql`entry_sync_links.version` } });
  await logEvent(tx, connection.id, "info", `Log ${change.ref.id} is new in ${a.label}: added as an entry.`, entryId);
  return "created";
}

/** What the remote change changes of the entry, in the entries service's input; null when nothing. */
async function patchFor(tx: Db, a: Apply, entry: TimeEntry, change: RemoteLogChange): Promise<UpdateEntryInput | null> {
  const patch: UpdateEntryInput = {};
  if (change.startAt && change.startAt.getTime() !== entry.startAt.getTime()) patch.start_time = change.startAt.toISOString();
  if (change.endAt && change.endAt.getTime() !== entry.endAt?.getTime()) patch.end_time = change.endAt.toISOString();
  // The service trims names: compare as it would store it, or an untrimmed remote name "changes" every time.
  if (change.description !== undefined && change.description.trim() !== entry.description) patch.notes = change.description;
  if (change.remoteProjectId !== undefined) {
    const projectId = await importedProjectId(tx, a, change.remoteProjectId);
    if (projectId !== entry.projectId) patch.project_id = projectId;
  }
  return Object.keys(patch).length ? patch : null;
}

/** The Stint project this connection imported as `remoteProjectId`; anything else is refused. */
async function importedProjectId(tx: Db, a: Apply, remoteProjectId: string | null): Promise<number> {
  if (remoteProjectId === null) throw new Refused(`the log has no project, and only projects imported from ${a.label} take its logs.`);
  const [project] = await tx
    .select({ id: projects.id })
    .from(projects)
    .where(and(eq(projects.connectionId, a.connection.id), eq(projects.remoteId, remoteProjectId), eq(projects.workspaceId, a.connection.workspaceId)))
    .limit(1);
  if (!project) throw new Refused(`its project ${remoteProjectId.slice(0, 100)} is not one imported from ${a.label} (import projects first).`);
  return project.id;
}

/** An entry of this connection whose remote create started but was not recorded, and that looks like this log. */
async function unfinishedPushLike(tx: Db, connectionId: number, change: RemoteLogChange): Promise<number | null> {
  const unfinished = await tx
    .select({ entryId: entrySyncLinks.entryId, attempt: entrySyncLinks.attempt })
    .from(entrySyncLinks)
    .where(and(eq(entrySyncLinks.connectionId, connectionId), isNull(entrySyncLinks.remoteId), isNotNull(entrySyncLinks.attempt)));
  for (const { entryId, attempt } of unfinished) {
    if (!attempt) continue;
    const sent = entryFromSnapshot(attempt.entry);
    if (
      sent.startAt.getTime() === change.startAt?.getTime() &&
      sent.endAt?.getTime() === change.endAt?.getTime() &&
      sent.description === (change.description ?? "").trim() &&
      sent.remoteProjectId === (change.remoteProjectId ?? null)
    ) {
      return entryId;
    }
  }
  return null;
}

function sameMeta(a: Record<string, string | null> | null, b: Record<string, string | null>): boolean {
  const keys = new Set([...Object.keys(a ?? {}), ...Object.keys(b)]);
  return [...keys].every((k) => (a ?? {})[k] === b[k]);
}

/** Refuses what no rule could take: a change without an id, times that are not instants. */
function assertWellFormed(change: RemoteLogChange): void {
  if (typeof change.ref?.id !== "string" || !change.ref.id) throw new Refused("the provider sent a change without a log id.");
  for (const [name, value] of [
    ["start", change.startAt],
    ["end", change.endAt],
  ] as const) {
    if (value !== undefined && !(value instanceof Date && Number.isFinite(value.getTime()))) throw new Refused(`its ${name} is not a valid time.`);
  }
  if (change.description !== undefined && typeof change.description !== "string") throw new Refused("its description is not text.");
}

/** The member whose connection it is, acting in its workspace (their zone, limits and role now). */
async function connectionMember(db: Db, connection: Pick<IntegrationConnection, "userId" | "workspaceId">): Promise<MemberActor> {
  const [user, role] = await Promise.all([getUserById(db, connection.userId), memberRole(db, connection.workspaceId, connection.userId)]);
  if (!user || !role) throw new AppError("forbidden", "The member who connected this integration has left the workspace.");
  return memberActor(user, { workspaceId: connection.workspaceId, role }, { via: "session", scopes: [] });
}

/**
 * The member a remote user's new log belongs to: the one the last import matched to that remote user by
 * email (connection settings `memberUsers`, Stint user id → remote user id), else the connection's member
 * (a log without a user, or a connection that never matched people). Another member's entry is made only
 * when the connection's member may write other members' entries (the policy: admins).
 */
function ownersOf(connection: IntegrationConnection, member: MemberActor): Apply["ownerOf"] {
  const matched = memberUsersOf(connection);
  const byRemote = new Map(Object.entries(matched).map(([userId, remoteId]) => [remoteId, Number(userId)]));
  return async (tx, remoteUserId) => {
    if (remoteUserId === undefined) return member;
    const userId = byRemote.get(remoteUserId);
    if (userId === undefined) throw new Refused(`its user ${remoteUserId.slice(0, 100)} is no member of this workspace (people are matched by email at each import).`);
    if (userId !== member.userId && !can(member, "entry.write", { workspaceId: connection.workspaceId, ownerId: userId })) {
      throw new Refused("it belongs to another member, and only an administrator's connection may add entries for other members.");
    }
    // In the change's transaction (read each time: a member may leave between two changes).
    return userId === member.userId ? member : connectionMember(tx, { ...connection, userId });
  };
}

/** Refused by a rule (the entries service, the policy, a constraint, this file): skip the change. */
function isRefusal(error: unknown): boolean {
  if (error instanceof Refused || error instanceof AppError) return true;
  const code = pgErrorCode(error);
  // 22: data exceptions (a value out of range), 23: constraint violations.
  return code !== undefined && (code.startsWith("22") || code.startsWith("23"));
}

/** What was wrong, as the sync log says it: field messages rather than "Some fields are not valid." */
function refusalText(error: unknown): string {
  if (error instanceof AppError) {
    const fields = Object.values(error.details.fields ?? {}).flat();
    return fields.length ? fields.join(" ") : error.message;
  }
  return errorMessageForRecord(error);
}

function describeTally(pulled: number, t: PullTally): string {
  const parts = [
    t.created && `${t.created} added`,
    t.updated && `${t.updated} updated`,
    t.trashed && `${t.trashed} moved to the trash`,
    t.kept && `${t.kept} kept as edited in Stint`,
    t.skipped && `${t.skipped} skipped`,
  ].filter(Boolean);
  return `Pulled ${pulled} remote change${pulled === 1 ? "" : "s"}${parts.length ? `: ${parts.join(", ")}` : ""}.`;
}
