import crypto from "node:crypto";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { savedReportShareLinks, savedReports, type SavedReport, type SavedReportShareLink } from "@/db/schema";
import { AppError, constraintName, parseOrThrow, pgErrorCode } from "@/lib/errors";
import { publicUrl } from "@/lib/env";
import { hashToken, tokenPrefix } from "@/lib/tokens/token";
import { assertReportAccess } from "@/lib/reports/builder/access";
import { groupedReportQuery } from "@/lib/reports/builder/query-schema";
import type { MemberActor } from "@/lib/workspaces/actor";
import { assertCan, type Actor } from "@/lib/workspaces/policy";
import { lockAndCountSavedReports, savedReportOf, savedReportsOf, shareLinksOf } from "./queries";
import {
  createSavedReportSchema,
  createShareLinkSchema,
  MAX_SAVED_REPORTS,
  MAX_SHARE_LINKS,
  updateSavedReportSchema,
  type CreateSavedReportInput,
  type CreateShareLinkInput,
  type UpdateSavedReportInput,
} from "./schema";

// Saved reports (issue 15): each member keeps their own, and only they see them, whatever their role (an
// admin reports on everyone's time with the Reports page itself; another member's saved names and links are
// theirs). Another member's id is "not found", never "forbidden".

const notFound = () => new AppError("not_found", "Saved report not found.");
const nameTaken = (name: string) => AppError.validation({ name: [`You already have a saved report named "${name}".`] }, "A saved report with this name exists.");

async function uniqueName<T>(name: string | undefined, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (pgErrorCode(error) === "23505" && constraintName(error) === "saved_reports_member_name_key") throw nameTaken(name ?? "");
    throw error;
  }
}

/** The ids a report names are ids the caller sends: the policy checks them when saved (404 for another
 *  workspace's project, 403 for a member naming another's time), as it does each time the report runs. */
async function assertMayRun(db: Db, actor: MemberActor, params: string) {
  await assertReportAccess(db, actor, groupedReportQuery.parse(Object.fromEntries(new URLSearchParams(params))));
}

const ownerOf = (actor: Actor) => ({ workspaceId: actor.workspaceId, userId: actor.userId });

export async function listSavedReports(db: Db, actor: Actor): Promise<SavedReport[]> {
  assertCan(actor, "report.save", { workspaceId: actor.workspaceId });
  return savedReportsOf(db, ownerOf(actor));
}

export async function getSavedReportOrThrow(db: Db, actor: Actor, id: number): Promise<SavedReport> {
  assertCan(actor, "report.save", { workspaceId: actor.workspaceId }, "Saved report not found.");
  const row = await savedReportOf(db, ownerOf(actor), id);
  if (!row) throw notFound();
  return row;
}

export async function createSavedReport(db: Db, actor: MemberActor, input: CreateSavedReportInput): Promise<SavedReport> {
  assertCan(actor, "report.save", { workspaceId: actor.workspaceId });
  const data = parseOrThrow(createSavedReportSchema, input);
  await assertMayRun(db, actor, data.params);
  return uniqueName(data.name, () =>
    db.transaction(async (tx) => {
      const held = await lockAndCountSavedReports(tx, ownerOf(actor));
      if (held === null) throw new AppError("not_found", "Workspace not found.");
      if (held >= MAX_SAVED_REPORTS) throw new AppError("conflict", `You have ${MAX_SAVED_REPORTS} saved reports, the most a member keeps: delete one first.`);
      const [row] = await tx.insert(savedReports).values({ ...ownerOf(actor), name: data.name, params: data.params }).returning();
      return row;
    }),
  );
}

export async function updateSavedReport(db: Db, actor: MemberActor, id: number, input: UpdateSavedReportInput): Promise<SavedReport> {
  await getSavedReportOrThrow(db, actor, id);
  const data = parseOrThrow(updateSavedReportSchema, input);
  if (data.params !== undefined) await assertMayRun(db, actor, data.params);
  const [row] = await uniqueName(data.name, () =>
    db
      .update(savedReports)
      .set({ ...(data.name !== undefined && { name: data.name }), ...(data.params !== undefined && { params: data.params }), updatedAt: sql`now()` })
      .where(and(eq(savedReports.id, id), eq(savedReports.workspaceId, actor.workspaceId), eq(savedReports.userId, actor.userId)))
      .returning(),
  );
  if (!row) throw notFound();
  return row;
}

/** Deleting a saved report ends its share links (they go with it). */
export async function deleteSavedReport(db: Db, actor: Actor, id: number): Promise<void> {
  await getSavedReportOrThrow(db, actor, id);
  const gone = await db
    .delete(savedReports)
    .where(and(eq(savedReports.id, id), eq(savedReports.workspaceId, actor.workspaceId), eq(savedReports.userId, actor.userId)))
    .returning({ id: savedReports.id });
  if (!gone.length) throw notFound();
}

// ---- Share links ----

/** 24 random bytes in base64url: 32 characters, 192 bits. Only its SHA-256 is stored. */
export const SHARE_TOKEN_PATTERN = /^[A-Za-z0-9_-]{32}$/;
export function generateShareToken(): string {
  return crypto.randomBytes(24).toString("base64url");
}

export type PublicShareLink = Omit<SavedReportShareLink, "tokenHash">;
const withoutHash = ({ tokenHash: _hidden, ...rest }: SavedReportShareLink): PublicShareLink => rest;

export async function listShareLinks(db: Db, actor: Actor, reportId: number): Promise<PublicShareLink[]> {
  const report = await getSavedReportOrThrow(db, actor, reportId);
  return (await shareLinksOf(db, report)).map(withoutHash);
}

export const sharePath = (token: string) => `/share/${token}`;

/** A new link to the saved report, with its token and address in clear: the only time they are available. */
export async function createShareLink(
  db: Db,
  actor: Actor,
  reportId: number,
  input: CreateShareLinkInput,
  opts: { now?: Date; baseUrl?: string } = {},
): Promise<{ token: string; url: string; link: PublicShareLink }> {
  const now = opts.now ?? new Date();
  const report = await getSavedReportOrThrow(db, actor, reportId);
  assertCan(actor, "report.share", { workspaceId: report.workspaceId });
  const data = parseOrThrow(createShareLinkSchema, input);
  const expiresAt = data.expires_at ? new Date(data.expires_at) : null;
  if (expiresAt && expiresAt.getTime() <= now.getTime()) throw AppError.validation({ expires_at: ["expires_at must be in the future."] });
  if ((await shareLinksOf(db, report)).length >= MAX_SHARE_LINKS) throw new AppError("conflict", `This report has ${MAX_SHARE_LINKS} links, the most one keeps: revoke one first.`);
  const token = generateShareToken();
  const [row] = await db
    .insert(savedReportShareLinks)
    .values({ workspaceId: report.workspaceId, savedReportId: report.id, prefix: tokenPrefix(token), tokenHash: hashToken(token), expiresAt })
    .returning();
  const base = (opts.baseUrl ?? publicUrl()).replace(/\/+$/, "");
  return { token, url: `${base}${sharePath(token)}`, link: withoutHash(row) };
}

/** Revoking is immediate: the next request with the link is a 404. */
export async function revokeShareLink(db: Db, actor: Actor, reportId: number, linkId: number, now: Date = new Date()): Promise<void> {
  const report = await getSavedReportOrThrow(db, actor, reportId);
  const revoked = await db
    .update(savedReportShareLinks)
    .set({ revokedAt: now })
    .where(and(eq(savedReportShareLinks.id, linkId), eq(savedReportShareLinks.savedReportId, report.id), eq(savedReportShareLinks.workspaceId, report.workspaceId), isNull(savedReportShareLinks.revokedAt)))
    .returning({ id: savedReportShareLinks.id });
  if (!revoked.length) throw new AppError("not_found", "Share link not found.");
}

// ---- What the API answers ----

export function serializeSavedReport(r: SavedReport) {
  return { id: r.id, name: r.name, params: r.params, created_at: r.createdAt.toISOString(), updated_at: r.updatedAt.toISOString() };
}

/** A link as lists show it: never its token (only its first characters, to tell links apart). */
export function serializeShareLink(l: PublicShareLink, now: Date = new Date()) {
  return {
    id: l.id,
    saved_report_id: l.savedReportId,
    prefix: l.prefix,
    expires_at: l.expiresAt?.toISOString() ?? null,
    created_at: l.createdAt.toISOString(),
    expired: l.expiresAt !== null && l.expiresAt.getTime() <= now.getTime(),
  };
}
