import type { Db } from "@/db";
import type { Limits } from "@/lib/api/rate-limit";
import { AppError } from "@/lib/errors";
import { detailedReport } from "@/lib/reports/builder/detailed";
import { groupedReport } from "@/lib/reports/builder/grouped";
import { detailedReportQuery, groupedReportQuery } from "@/lib/reports/builder/query-schema";
import { exportDetailedReport, exportGroupedReport } from "@/lib/reports/export/respond";
import type { ExportFormat } from "@/lib/reports/export/params";
import { SCOPES } from "@/lib/tokens/scopes";
import { getUserById } from "@/lib/users/service";
import { userActor, type MemberActor } from "@/lib/workspaces/actor";
import { countShareView, liveShareLink } from "./share-view";

// A share link (/share/<token>) opened by anyone, signed in or not. It runs the saved report's params
// as they were saved (the link's own query string is never read) as the report's owner, with the owner's
// access NOW: their role and membership are read on every view, and every check of the report builder runs
// again. A link that is unknown, revoked or expired, whose owner left the workspace, or whose report the
// owner may no longer run, is one and the same "not found": nothing tells the cases apart.

export const SHARED_ENTRIES_SHOWN = 500;

/**
 * limits: the views allowed (SHARE_VIEW_LIMITS in share-view.ts). viewCounted: proxy.ts has counted this view
 * of the share page already (share-view.ts), so it is not counted again.
 */
export type ShareOptions = { now?: Date; limits?: Limits; viewCounted?: boolean };

const gone = () => new AppError("not_found", "This link does not exist or no longer works.");

export type SharedReport = { name: string; params: string; actor: MemberActor };

/** The saved report behind a link and its owner as the acting member, or a 404. */
export async function openShareLink(db: Db, token: string, opts: ShareOptions = {}): Promise<SharedReport> {
  const now = opts.now ?? new Date();
  const found = await liveShareLink(db, token, now);
  if (!found) throw gone();
  if (!opts.viewCounted) await countShareView(db, found.link.id, opts.limits, now);
  const owner = await getUserById(db, found.report.userId);
  if (!owner) throw gone();
  // A browser session's powers: the role the owner holds in the workspace today (404 when they hold none).
  const actor = await userActor(db, owner, SCOPES, found.report.workspaceId).catch(() => {
    throw gone();
  });
  return { name: found.report.name, params: found.report.params, actor };
}

/** Any refusal of the report builder (the owner lost a project or their role) is the link's 404 too. */
async function orGone<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof AppError && error.status < 500) throw gone();
    throw error;
  }
}

const paramsOf = (shared: SharedReport) => Object.fromEntries(new URLSearchParams(shared.params));

/** What the share page shows: the grouped report with its totals, and the first entries behind it. */
export async function sharedReport(db: Db, token: string, opts: ShareOptions = {}) {
  const now = opts.now ?? new Date();
  const shared = await openShareLink(db, token, { ...opts, now });
  return orGone(async () => {
    const grouped = await groupedReport(db, shared.actor, groupedReportQuery.parse(paramsOf(shared)), now);
    const detailed = await detailedReport(db, shared.actor, detailedReportQuery.parse({ ...paramsOf(shared), per_page: SHARED_ENTRIES_SHOWN }), now);
    return { name: shared.name, grouped, detailed };
  });
}

/** /share/<token>/export?format=…: the saved report as a file; only `format` is read from the request. */
export async function sharedExport(db: Db, token: string, format: ExportFormat, opts: ShareOptions = {}): Promise<Response> {
  const now = opts.now ?? new Date();
  const shared = await openShareLink(db, token, { ...opts, now });
  return orGone(async () => {
    if (format === "csv") return exportDetailedReport(db, shared.actor, { ...detailedReportQuery.parse(paramsOf(shared)), format }, { now });
    return exportGroupedReport(db, shared.actor, { ...groupedReportQuery.parse(paramsOf(shared)), format }, { now });
  });
}
