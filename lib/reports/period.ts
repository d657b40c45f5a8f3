import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import type { ApiEntry } from "@/lib/entries/serialize";
import type { Period } from "@/lib/time/period";
import { sqlTimeZone } from "@/lib/users/database-zones";
import { assertCanOnUser, type MemberActor } from "@/lib/workspaces/actor";
import { assertCan } from "@/lib/workspaces/policy";
import { periodOverview, type Overview } from "./overview";
import { expandSessionRows, type SessionRows } from "./period-rows";
import { packedPeriodSessions, parseSessionRows, sessionRowsJson } from "./period-sessions";

/**
 * At most this many sessions in one answer. A month of real work is a few hundred to a few thousand
 * sessions (1,600 for the benchmark's busiest user); the cap only keeps an imported or scripted history
 * from making one answer unbounded. The totals always cover every session.
 */
export const PERIOD_SESSIONS_CAP = 5000;

export type PeriodReport = Overview & {
  /** The sessions overlapping the period (a session across its first or last midnight too), newest first. */
  sessions: ApiEntry[];
  /** True when the period has more than PERIOD_SESSIONS_CAP sessions: `sessions` then holds the newest ones. */
  sessions_capped: boolean;
};

/** The report with its sessions as rows (GET /reports/period?shape=rows), expanded by expandSessionRows. */
export type PeriodRowsReport = Overview & { session_rows: SessionRows; sessions_capped: boolean };

/**
 * Everything the Overview shows for a period, in one call: the totals per day and project by the one day
 * rule (periodOverview) and the sessions themselves. `userId`: another member's (managers and up, by the
 * policy; that member must belong to the workspace), computed in the viewer's zone and week start.
 * Both read the owner's index between the period's two bounds (earliestOverlappingStart), so their
 * cost follows the period, not the history behind it.
 *
 * `firstRows`: only the period's first (oldest) sessions, as many as the Overview's list shows first, with
 * all the totals: what the Overview's server render shows while the browser fetches the whole period.
 */
export async function periodReport(db: Db, viewer: MemberActor, period: Period, opts: { userId?: number; now?: Date; firstRows?: number } = {}): Promise<PeriodReport> {
  const { overview, packed, ownerId, now } = await readPeriod(db, viewer, period, opts);
  return { ...overview, sessions: expandSessionRows(parseSessionRows(packed, ownerId), now.getTime()), sessions_capped: opts.firstRows ? false : packed.capped };
}

/**
 * The same report with its sessions as rows (PeriodRowsReport: `session_rows` instead of `sessions`), as the
 * JSON text of the API's answer, `{"report": …}`: an array per session, no object per session on the server
 * (for a month of 1,610 sessions, about 200 KB instead of 780 KB). The Overview asks for this shape and expands
 * it in the browser (expandSessionRows).
 */
export async function periodReportRowsJson(db: Db, viewer: MemberActor, period: Period, opts: { userId?: number; now?: Date } = {}): Promise<string> {
  const { overview, packed, ownerId } = await readPeriod(db, viewer, period, opts);
  const head = JSON.stringify({ ...overview, sessions_capped: packed.capped });
  return `{"report":${head.slice(0, -1)},"session_rows":${sessionRowsJson(packed, ownerId)}}}`;
}

/** What both shapes answer with: the policy's checks, then the period's totals and its sessions as the database packs them. */
async function readPeriod(db: Db, viewer: MemberActor, period: Period, opts: { userId?: number; now?: Date; firstRows?: number }) {
  const ownerId = opts.userId ?? viewer.userId;
  const now = opts.now ?? new Date();
  // The owner may be a member or a former one (their entries stay); a stranger is 404.
  const { subject } = await assertCanOnUser(db, viewer, "report.read", ownerId);
  assertCan(viewer, "entry.read", { workspaceId: viewer.workspaceId, ownerId, subject });
  const owner = { ...viewer, userId: ownerId };
  const tz = await sqlTimeZone(db, viewer.timezone);
  // The period's bounds as PostgreSQL's zone rules place its local midnights, as dayParts does.
  const from = sql`(${period.start}::date::timestamp at time zone ${tz})`;
  const to = sql`(${period.end}::date::timestamp at time zone ${tz})`;
  const [overview, packed] = await Promise.all([
    periodOverview(db, owner, period, now),
    packedPeriodSessions(db, { workspaceId: viewer.workspaceId, userId: ownerId, from, to, now, ...(opts.firstRows ? { limit: opts.firstRows, from_end: "oldest" } : { limit: PERIOD_SESSIONS_CAP }) }),
  ]);
  return { overview, packed, ownerId, now };
}
