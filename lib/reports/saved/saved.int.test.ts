import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/db/testing";
import { queryRows } from "@/db/rows";
import { savedReports } from "@/db/schema";
import { createEntry } from "@/lib/entries/service";
import { createProject } from "@/lib/projects/service";
import { memberIn } from "@/lib/testing/members";
import { makeUser } from "@/lib/testing/users";
import { hashToken } from "@/lib/tokens/token";
import { SCOPES } from "@/lib/tokens/scopes";
import { getUserById } from "@/lib/users/service";
import { userActor } from "@/lib/workspaces/actor";
import { removeMember, updateMember } from "@/lib/workspaces/members";
import { createSavedReport, createShareLink, deleteSavedReport, getSavedReportOrThrow, listSavedReports, listShareLinks, revokeShareLink, updateSavedReport } from "./service";
import { MAX_SAVED_REPORTS } from "./schema";
import { openShareLink, sharedExport, sharedReport } from "./share";
import { countSharePageView, isShareViewCounted, SHARE_VIEW_COUNTED_HEADER } from "./share-view";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.cleanup());

const march = "range=custom&start_date=2026-03-01&end_date=2026-03-31";

/** An owner and a member in one workspace, two projects, and entries of both members on both projects. */
async function setup() {
  const owner = await makeUser(t.db);
  const u = await makeUser(t.db);
  const member = await memberIn(t.db, owner.workspaceId, u.id, "member");
  const alpha = await createProject(t.db, owner, { name: "Alpha" });
  const beta = await createProject(t.db, owner, { name: "Beta" });
  await createEntry(t.db, member, { notes: "alpha work", project_id: alpha.id, start_time: "2026-03-02T09:00:00", end_time: "2026-03-02T11:00:00" });
  await createEntry(t.db, member, { notes: "beta secret", project_id: beta.id, start_time: "2026-03-03T09:00:00", end_time: "2026-03-03T10:00:00" });
  await createEntry(t.db, owner, { notes: "owner alpha", project_id: alpha.id, start_time: "2026-03-04T09:00:00", end_time: "2026-03-04T09:30:00" });
  // Outside the saved range.
  await createEntry(t.db, member, { notes: "april alpha", project_id: alpha.id, start_time: "2026-04-02T09:00:00", end_time: "2026-04-02T10:00:00" });
  return { owner, member, u, alpha, beta };
}

describe("saved reports: each member's own", () => {
  it("creates with normalised params, lists, renames, changes params, deletes", async () => {
    const { member, alpha } = await setup();
    const made = await createSavedReport(t.db, member, { name: " March alpha ", params: `?group_by=project&project_id=${alpha.id}&${march}&format=csv&bom=true&cursor=abc` });
    // Parsed and written back in the report's one order; export parameters and the cursor are no part of it.
    expect(made).toMatchObject({ name: "March alpha", params: `range=custom&start_date=2026-03-01&end_date=2026-03-31&project_id=${alpha.id}&group_by=project` });
    expect((await listSavedReports(t.db, member)).map((r) => r.name)).toEqual(["March alpha"]);
    const renamed = await updateSavedReport(t.db, member, made.id, { name: "Alpha in March" });
    expect(renamed.name).toBe("Alpha in March");
    const changed = await updateSavedReport(t.db, member, made.id, { params: "range=last_month&group_by=day,project" });
    expect(changed).toMatchObject({ name: "Alpha in March", params: "range=last_month&group_by=day,project" });
    await deleteSavedReport(t.db, member, made.id);
    await expect(getSavedReportOrThrow(t.db, member, made.id)).rejects.toMatchObject({ code: "not_found" });
    expect(await listSavedReports(t.db, member)).toEqual([]);
  });

  it("refuses a broken report, a duplicate name (any case), an empty update", async () => {
    const { member } = await setup();
    await expect(createSavedReport(t.db, member, { name: "Bad", params: "group_by=colour" })).rejects.toMatchObject({ code: "validation_error", details: { fields: { params: [expect.stringContaining("group_by")] } } });
    await expect(createSavedReport(t.db, member, { name: "Bad", params: "range=custom&start_date=2026-03-01" })).rejects.toMatchObject({ code: "validation_error" });
    await createSavedReport(t.db, member, { name: "Weekly", params: "range=this_week" });
    await expect(createSavedReport(t.db, member, { name: "WEEKLY", params: "range=last_week" })).rejects.toMatchObject({ code: "validation_error", details: { fields: { name: [expect.stringContaining("already")] } } });
    const other = await createSavedReport(t.db, member, { name: "Monthly", params: "range=this_month" });
    await expect(updateSavedReport(t.db, member, other.id, { name: "weekly" })).rejects.toMatchObject({ details: { fields: { name: [expect.stringContaining("already")] } } });
    await expect(updateSavedReport(t.db, member, other.id, {})).rejects.toMatchObject({ code: "validation_error" });
    // The ids a report names are checked as when it runs: another workspace's project is not found, another
    // member's time is not a member's to report on.
    const stranger = await makeUser(t.db);
    const theirs = await createProject(t.db, stranger, { name: "Theirs" });
    await expect(createSavedReport(t.db, member, { name: "Peek", params: `project_id=${theirs.id}` })).rejects.toMatchObject({ code: "not_found" });
    await expect(updateSavedReport(t.db, member, other.id, { params: `user_id=${stranger.id}` })).rejects.toMatchObject({ code: "forbidden" });
    expect((await getSavedReportOrThrow(t.db, member, other.id)).params).toBe("range=this_month&group_by=project");
  });

  it("another member (even the owner of the workspace) can neither see nor change mine: 404", async () => {
    const { owner, member } = await setup();
    const mine = await createSavedReport(t.db, member, { name: "Mine", params: march });
    // The same name is free for someone else.
    await createSavedReport(t.db, owner, { name: "Mine", params: march });
    expect((await listSavedReports(t.db, owner)).map((r) => r.id)).not.toContain(mine.id);
    await expect(getSavedReportOrThrow(t.db, owner, mine.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(updateSavedReport(t.db, owner, mine.id, { name: "Taken" })).rejects.toMatchObject({ code: "not_found" });
    await expect(deleteSavedReport(t.db, owner, mine.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(createShareLink(t.db, owner, mine.id, {})).rejects.toMatchObject({ code: "not_found" });
    await expect(listShareLinks(t.db, owner, mine.id)).rejects.toMatchObject({ code: "not_found" });
    const link = await createShareLink(t.db, member, mine.id, {});
    await expect(revokeShareLink(t.db, owner, mine.id, link.link.id)).rejects.toMatchObject({ code: "not_found" });
    expect((await getSavedReportOrThrow(t.db, member, mine.id)).name).toBe("Mine");
    // Another workspace's member: the same.
    const stranger = await makeUser(t.db);
    await expect(getSavedReportOrThrow(t.db, stranger, mine.id)).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("the cap", () => {
  it("keeps at most 100 saved reports per member per workspace (409), whoever else saves", async () => {
    const { owner, member } = await setup();
    await t.db.insert(savedReports).values(Array.from({ length: MAX_SAVED_REPORTS - 1 }, (_, i) => ({ workspaceId: member.workspaceId, userId: member.userId, name: `r${i}`, params: "range=this_month&group_by=project" })));
    await createSavedReport(t.db, member, { name: "The hundredth", params: march });
    await expect(createSavedReport(t.db, member, { name: "One more", params: march })).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("100") });
    // Another member's allowance is their own.
    expect((await createSavedReport(t.db, owner, { name: "One more", params: march })).name).toBe("One more");
  });
});

describe("share links", () => {
  it("store only the token's hash, and show only the saved report's data, whatever the link's query string", async () => {
    const { member, alpha } = await setup();
    const saved = await createSavedReport(t.db, member, { name: "Alpha March", params: `${march}&project_id=${alpha.id}&group_by=project` });
    const { token, url, link } = await createShareLink(t.db, member, saved.id, {}, { baseUrl: "https://time.example.com/" });
    expect(url).toBe(`https://time.example.com/share/${token}`);
    expect(link).not.toHaveProperty("tokenHash");
    const rows = await queryRows<Record<string, unknown>>(t.db, sql`select * from saved_report_share_links where id = ${link.id}`);
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(rows[0].token_hash).toBe(hashToken(token));

    const shown = await sharedReport(t.db, token);
    expect(shown.name).toBe("Alpha March");
    // The member's own time on Alpha in March: 2 h. Not Beta's hour, not April's, not the owner's half hour.
    expect(shown.grouped.totals.seconds).toBe(2 * 3600);
    expect(shown.grouped.groups.map((g) => g.name)).toEqual(["Alpha"]);
    expect(shown.detailed.entries.map((e) => e.description)).toEqual(["alpha work"]);
    // A token with a query string (as /share/<token>?project_id=… would pass it on) is not a token at all.
    await expect(sharedReport(t.db, `${token}?project_id=1`)).rejects.toMatchObject({ code: "not_found" });
    const csv = await (await sharedExport(t.db, token, "csv")).text();
    expect(csv).toContain("alpha work");
    expect(csv).not.toContain("beta secret");
    expect(csv).not.toContain("april alpha");
  });

  it("unknown, revoked and expired links are the same 404", async () => {
    const { member } = await setup();
    const saved = await createSavedReport(t.db, member, { name: "Soon gone", params: march });
    const now = new Date();
    const revoked = await createShareLink(t.db, member, saved.id, {});
    const expiring = await createShareLink(t.db, member, saved.id, { expires_at: new Date(now.getTime() + 3600_000).toISOString() });
    expect((await sharedReport(t.db, revoked.token)).grouped.totals.seconds).toBe(3 * 3600);
    expect((await listShareLinks(t.db, member, saved.id)).map((l) => l.id).sort()).toEqual([revoked.link.id, expiring.link.id].sort());
    await revokeShareLink(t.db, member, saved.id, revoked.link.id);
    await expect(revokeShareLink(t.db, member, saved.id, revoked.link.id)).rejects.toMatchObject({ code: "not_found" });
    expect((await listShareLinks(t.db, member, saved.id)).map((l) => l.id)).toEqual([expiring.link.id]);
    const errors = await Promise.all([
      openShareLink(t.db, revoked.token).catch((e: Error) => e),
      openShareLink(t.db, expiring.token, { now: new Date(now.getTime() + 2 * 3600_000) }).catch((e: Error) => e),
      openShareLink(t.db, "A".repeat(32)).catch((e: Error) => e),
      openShareLink(t.db, "not a token").catch((e: Error) => e),
    ]);
    expect(new Set(errors.map((e) => JSON.stringify([(e as { code?: string }).code, (e as Error).message])))).toEqual(new Set([JSON.stringify(["not_found", "This link does not exist or no longer works."])]));
    // Before its expiry the expiring link works.
    expect((await openShareLink(t.db, expiring.token, { now })).name).toBe("Soon gone");
    await expect(createShareLink(t.db, member, saved.id, { expires_at: "2020-01-01T00:00:00Z" })).rejects.toMatchObject({ details: { fields: { expires_at: [expect.any(String)] } } });
    // Deleting the saved report ends its links.
    await deleteSavedReport(t.db, member, saved.id);
    await expect(openShareLink(t.db, expiring.token, { now })).rejects.toMatchObject({ code: "not_found" });
  });

  it("run with the owner's access now: a manager demoted sees only their own time; removed from the workspace, 404", async () => {
    const { owner, u } = await setup();
    await updateMember(t.db, owner, u.id, { role: "manager" });
    const manager = await actingAs(u.id, owner.workspaceId);
    const saved = await createSavedReport(t.db, manager, { name: "Team March", params: march });
    const { token } = await createShareLink(t.db, manager, saved.id, {});
    // As a manager: the whole workspace (3 h of the member + 0.5 h of the owner).
    expect((await sharedReport(t.db, token)).grouped.totals.seconds).toBe(3.5 * 3600);
    await updateMember(t.db, owner, u.id, { role: "member" });
    expect((await sharedReport(t.db, token)).grouped.totals.seconds).toBe(3 * 3600);
    await removeMember(t.db, owner, u.id);
    await expect(sharedReport(t.db, token)).rejects.toMatchObject({ code: "not_found" });
    await expect(sharedExport(t.db, token, "csv")).rejects.toMatchObject({ code: "not_found" });
  });

  it("a saved report its owner may no longer run (a filter on another member after a demotion) is a 404, not an error", async () => {
    const { owner, u } = await setup();
    await updateMember(t.db, owner, u.id, { role: "manager" });
    const manager = await actingAs(u.id, owner.workspaceId);
    const saved = await createSavedReport(t.db, manager, { name: "Owner's time", params: `${march}&user_id=${owner.id}` });
    const { token } = await createShareLink(t.db, manager, saved.id, {});
    expect((await sharedReport(t.db, token)).grouped.totals.seconds).toBe(1800);
    await updateMember(t.db, owner, u.id, { role: "member" });
    await expect(sharedReport(t.db, token)).rejects.toMatchObject({ code: "not_found" });
  });
});

/** The user acting in the workspace through a browser session, with their role there now. */
async function actingAs(userId: number, workspaceId: number) {
  return userActor(t.db, (await getUserById(t.db, userId))!, SCOPES, workspaceId);
}

describe("a hammered link waits", () => {
  it("answers 429 past its views per minute, counted per link", async () => {
    const { member } = await setup();
    const saved = await createSavedReport(t.db, member, { name: "Popular", params: march });
    const one = await createShareLink(t.db, member, saved.id, {});
    const two = await createShareLink(t.db, member, saved.id, {});
    const limits = { perMinute: 2, perHour: 0 };
    const now = new Date("2026-03-10T12:00:10Z");
    await openShareLink(t.db, one.token, { now, limits });
    await openShareLink(t.db, one.token, { now, limits });
    await expect(openShareLink(t.db, one.token, { now, limits })).rejects.toMatchObject({ code: "rate_limited", details: { retry_after: 50 } });
    expect((await openShareLink(t.db, two.token, { now, limits })).name).toBe("Popular");
    // A wrong token is not counted, and stays a 404.
    await expect(openShareLink(t.db, "B".repeat(32), { now, limits })).rejects.toMatchObject({ code: "not_found" });
  });

  it("a page view is counted once, by the proxy: past the limit it answers the 429 page itself; the exports share the count", async () => {
    const { member } = await setup();
    const saved = await createSavedReport(t.db, member, { name: "Viewed", params: march });
    const link = await createShareLink(t.db, member, saved.id, {});
    const limits = { perMinute: 3, perHour: 0 };
    const now = new Date("2026-03-10T12:00:45Z");
    // Two views: the proxy counts each and tells the page so, which then counts nothing more.
    for (let view = 0; view < 2; view++) {
      const counted = await countSharePageView(t.db, link.token, { now, limits });
      if (!counted || !("countedHeader" in counted)) throw new Error(`view ${view} not counted: ${JSON.stringify(counted)}`);
      const headers = new Headers([counted.countedHeader]);
      expect(isShareViewCounted(headers)).toBe(true);
      expect((await sharedReport(t.db, link.token, { now, limits, viewCounted: true })).name).toBe("Viewed");
    }
    // The third view of the minute is an export (counted by its route), the fourth a page view: 429.
    await sharedExport(t.db, link.token, "csv", { now, limits });
    const refused = await countSharePageView(t.db, link.token, { now, limits });
    if (!refused || !("limited" in refused)) throw new Error(`not refused: ${JSON.stringify(refused)}`);
    expect(refused.limited.status).toBe(429);
    expect(refused.limited.headers.get("Retry-After")).toBe("15");
    expect(refused.limited.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
    const html = await refused.limited.text();
    expect(html).toContain("<p role=\"alert\">This link was opened too often: try again in 15 s.</p>");
    expect(html).not.toContain("Viewed");
    await expect(sharedExport(t.db, link.token, "csv", { now, limits })).rejects.toMatchObject({ code: "rate_limited", details: { retry_after: 15 } });
    // Nothing counted: a wrong token (the page answers its 404), or no open database (the page counts).
    expect(await countSharePageView(t.db, "C".repeat(32), { now, limits })).toBeNull();
    expect(await countSharePageView(null, link.token, { now, limits })).toBeNull();
  });

  it("the page counts a view itself unless the header carries this process's mark", () => {
    expect(isShareViewCounted(new Headers())).toBe(false);
    expect(isShareViewCounted(new Headers({ [SHARE_VIEW_COUNTED_HEADER]: "1" }))).toBe(false);
    expect(isShareViewCounted(new Headers({ [SHARE_VIEW_COUNTED_HEADER]: "x".repeat(32) }))).toBe(false);
  });
});
