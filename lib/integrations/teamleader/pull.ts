import crypto from "node:crypto";
import { DateTime } from "luxon";
import type { ProviderContext, RemoteLogChange } from "../types";
import { refId, str, tlList } from "./client";
import { isoInZone } from "./map";
import type { TeamleaderSettings } from "./settings";

// Pulling the person's time entries (contract §5). timeTracking.list has no "updated since" filter, so each
// pull reads a window, the entries that started in the last PULL_WINDOW_DAYS days, and compares it with the
// window of the previous pull, kept in the cursor as (id → fingerprint, start). New or different: a change.
// Gone while its start is still inside the window: deleted. An entry that merely aged out of the window is
// forgotten, not deleted. Changes to entries older than the window are not seen (a documented limit).

export const PULL_WINDOW_DAYS = 30;

type Seen = Record<string, [fingerprint: string, startMs: number]>;
type Cursor = { v: 1; seen: Seen };
type Item = Record<string, unknown>;

function readCursor(cursor: string | null): Seen {
  if (!cursor) return {};
  try {
    const parsed = JSON.parse(cursor) as Partial<Cursor>;
    return parsed.v === 1 && parsed.seen && typeof parsed.seen === "object" ? parsed.seen : {};
  } catch {
    return {};
  }
}

/** What a change of the entry would change in Stint (and what Stint pushes), hashed. */
function fingerprint(t: Item): string {
  const parts = [str(t.started_at), String(t.duration ?? ""), str(t.description), refId(t.subject) ?? "", refId(t.work_type) ?? "", String(t.invoiceable === true)];
  return crypto.createHash("sha256").update(parts.join("\u0000")).digest("base64url").slice(0, 16);
}

/** The entry's project: the (nextgen) project it relates to, else the one imported project whose customer is
 *  its subject company; undefined when that cannot be told (the entry's project in Stint stays as it is). */
function projectOf(t: Item, settings: TeamleaderSettings): string | undefined {
  const relates = Array.isArray(t.relates_to) ? (t.relates_to as Item[]) : [];
  const project = relates.find((r) => r.type === "nextgenProject" || r.type === "project");
  if (project && typeof project.id === "string") return project.id;
  const subject = t.subject as Item | null;
  if (subject?.type === "company") {
    const matches = Object.entries(settings.projectCustomers).filter(([, company]) => company === subject.id);
    if (matches.length === 1) return matches[0][0];
  }
  return undefined;
}

function updatedAt(t: Item): Date | undefined {
  const at = Date.parse(str(t.updated_at));
  return Number.isNaN(at) ? undefined : new Date(at);
}

export async function changesSince(ctx: ProviderContext<TeamleaderSettings>, cursor: string | null): Promise<{ changes: RemoteLogChange[]; cursor: string }> {
  const before = readCursor(cursor);
  const windowStart = DateTime.fromJSDate(ctx.now()).minus({ days: PULL_WINDOW_DAYS });
  // The connecting user's entries, and those of the Teamleader users the last import matched to members
  // (one listing of everyone's when there are others; the engine puts each on its member).
  const users = new Set([ctx.settings.userId, ...Object.values(ctx.settings.memberUsers)]);
  const items = await tlList(ctx, "timeTracking.list", {
    filter: { ...(users.size === 1 ? { user_id: ctx.settings.userId } : {}), started_after: isoInZone(windowStart.toJSDate(), ctx.settings.timeZone) },
    sort: [{ field: "starts_on", order: "asc" }],
    includes: "relates_to",
  });
  const seen: Seen = {};
  const changes: RemoteLogChange[] = [];
  for (const t of items) {
    const id = str(t.id);
    const startMs = Date.parse(str(t.started_at));
    const userId = refId(t.user) ?? ctx.settings.userId;
    // Duration-only entries (no start) cannot be an entry of Stint; nor can those of unmatched users.
    if (!id || Number.isNaN(startMs) || !users.has(userId)) continue;
    const print = fingerprint(t);
    seen[id] = [print, startMs];
    if (before[id]?.[0] === print) continue;
    const duration = typeof t.duration === "number" ? t.duration : 0;
    changes.push({
      ref: { id, meta: {} },
      deleted: false,
      startAt: new Date(startMs),
      endAt: new Date(startMs + duration * 1000),
      description: str(t.description),
      remoteProjectId: projectOf(t, ctx.settings),
      remoteUserId: userId,
      // timeTracking.list documents no updated time; should one appear (additive changes happen), it decides conflicts.
      ...(updatedAt(t) ? { changedAt: updatedAt(t) } : {}),
    });
  }
  for (const [id, [, startMs]] of Object.entries(before)) {
    if (!seen[id] && startMs >= windowStart.toMillis()) changes.push({ ref: { id, meta: {} }, deleted: true });
  }
  return { changes, cursor: JSON.stringify({ v: 1, seen } satisfies Cursor) };
}
