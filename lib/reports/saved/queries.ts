import { and, asc, count, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db";
import { savedReportShareLinks, savedReports, workspaceMembers, type SavedReport, type SavedReportShareLink } from "@/db/schema";

// The SQL reads of saved reports. Every read of a caller's id is scoped to the member (workspace and user):
// another member's saved report does not exist for them.

export type Owner = { workspaceId: number; userId: number };

export async function savedReportsOf(db: Db, owner: Owner): Promise<SavedReport[]> {
  return db
    .select()
    .from(savedReports)
    .where(and(eq(savedReports.workspaceId, owner.workspaceId), eq(savedReports.userId, owner.userId)))
    .orderBy(asc(savedReports.name), asc(savedReports.id));
}

export async function savedReportOf(db: Db, owner: Owner, id: number): Promise<SavedReport | null> {
  const [row] = await db
    .select()
    .from(savedReports)
    .where(and(eq(savedReports.id, id), eq(savedReports.workspaceId, owner.workspaceId), eq(savedReports.userId, owner.userId)))
    .limit(1);
  return row ?? null;
}

/** Locks the member's row, so that two saves at once count each other (the cap), and counts their reports. */
export async function lockAndCountSavedReports(tx: Db, owner: Owner): Promise<number | null> {
  const [member] = await tx
    .select({ userId: workspaceMembers.userId })
    .from(workspaceMembers)
    .where(and(eq(workspaceMembers.workspaceId, owner.workspaceId), eq(workspaceMembers.userId, owner.userId)))
    .for("update");
  if (!member) return null;
  const [row] = await tx
    .select({ n: count() })
    .from(savedReports)
    .where(and(eq(savedReports.workspaceId, owner.workspaceId), eq(savedReports.userId, owner.userId)));
  return Number(row?.n ?? 0);
}

/** A saved report's links that are not revoked (expired ones included: the list says so), newest first. */
export async function shareLinksOf(db: Db, report: Pick<SavedReport, "id" | "workspaceId">): Promise<SavedReportShareLink[]> {
  return db
    .select()
    .from(savedReportShareLinks)
    .where(and(eq(savedReportShareLinks.savedReportId, report.id), eq(savedReportShareLinks.workspaceId, report.workspaceId), isNull(savedReportShareLinks.revokedAt)))
    .orderBy(desc(savedReportShareLinks.createdAt), desc(savedReportShareLinks.id));
}

/** The link with this token hash and its saved report, whatever their state (the caller decides). */
export async function shareLinkByHash(db: Db, tokenHash: string): Promise<{ link: SavedReportShareLink; report: SavedReport } | null> {
  const [row] = await db
    .select({ link: savedReportShareLinks, report: savedReports })
    .from(savedReportShareLinks)
    .innerJoin(savedReports, and(eq(savedReports.id, savedReportShareLinks.savedReportId), eq(savedReports.workspaceId, savedReportShareLinks.workspaceId)))
    .where(eq(savedReportShareLinks.tokenHash, tokenHash))
    .limit(1);
  return row ?? null;
}
