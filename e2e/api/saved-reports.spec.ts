import { api, expect, mintToken, newActor, test, type Actor } from "./api-fixtures";

// /api/v1/saved-reports: each member's own saved reports and their share links. The share page itself
// (signed out, frozen params, 404 once revoked) is in e2e/saved-reports.spec.ts.

let alice: Actor;
let bob: Actor;

test.beforeAll(async () => {
  alice = await newActor("saved");
  bob = await newActor("saved-other");
});

test("saved reports: create (normalised params), list, get, rename, change params, delete", async ({ request }) => {
  const a = api(request, alice.token);
  const created = await a.ok("createSavedReport", { body: { name: " Last month ", params: "?group_by=project,tag&range=last_month&format=csv&columns=date" } });
  expect(created).toMatchObject({ message: "Report saved", saved_report: { name: "Last month", params: "range=last_month&group_by=project,tag" } });
  const id = created.saved_report.id;
  expect((await a.ok("listSavedReports")).saved_reports.map((r) => r.name)).toContain("Last month");
  expect((await a.ok("getSavedReport", { id })).saved_report).toEqual(created.saved_report);
  await a.invalid("createSavedReport", { body: { name: "LAST MONTH", params: "range=this_month" } }, "name");
  await a.invalid("createSavedReport", { body: { name: "Broken", params: "group_by=colour" } }, "params");
  await a.invalid("patchSavedReport", { id, body: {} }, "name");
  const renamed = await a.ok("patchSavedReport", { id, body: { name: "Monthly", params: "range=this_month&billable=true" } });
  expect(renamed.saved_report).toMatchObject({ id, name: "Monthly", params: "range=this_month&billable=true&group_by=project" });
  expect(await a.ok("deleteSavedReport", { id })).toEqual({ message: "Saved report deleted" });
  await a.fail("getSavedReport", { id }, 404, "not_found");
  for (const bad of ["abc", "0", "99999999999"]) await a.fail("getSavedReport", { id: bad }, 404, "not_found");
});

test("share links: the token once, lists without it, revoke; another user reaches none of it (404)", async ({ request }) => {
  const a = api(request, alice.token);
  const b = api(request, bob.token);
  const { saved_report } = await a.ok("createSavedReport", { body: { name: "Shared", params: "range=last_month" } });
  const made = await a.ok("createShareLink", { id: saved_report.id, body: { expires_at: new Date(Date.now() + 86_400_000).toISOString() } });
  expect(made.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
  expect(made.url).toMatch(new RegExp(`/share/${made.token}$`));
  expect(made.share_link).toMatchObject({ saved_report_id: saved_report.id, prefix: made.token.slice(0, 8), expired: false });
  const listed = await a.ok("listShareLinks", { id: saved_report.id });
  expect(listed.share_links).toEqual([made.share_link]);
  expect(JSON.stringify(listed)).not.toContain(made.token);
  await a.invalid("createShareLink", { id: saved_report.id, body: { expires_at: "2020-01-01T00:00:00Z" } }, "expires_at");
  await a.invalid("createShareLink", { id: saved_report.id, body: { expires_at: "tomorrow" } }, "expires_at");

  // Bob (another workspace) sees nothing of Alice's: every operation on her ids is a 404.
  expect((await b.ok("listSavedReports")).saved_reports).toEqual([]);
  await b.fail("getSavedReport", { id: saved_report.id }, 404, "not_found");
  await b.fail("patchSavedReport", { id: saved_report.id, body: { name: "Mine now" } }, 404, "not_found");
  await b.fail("deleteSavedReport", { id: saved_report.id }, 404, "not_found");
  await b.fail("listShareLinks", { id: saved_report.id }, 404, "not_found");
  await b.fail("createShareLink", { id: saved_report.id, body: {} }, 404, "not_found");
  await b.fail("revokeShareLink", { id: saved_report.id, params: { link_id: made.share_link.id } }, 404, "not_found");

  expect(await a.ok("revokeShareLink", { id: saved_report.id, params: { link_id: made.share_link.id } })).toEqual({ message: "Share link revoked" });
  await a.fail("revokeShareLink", { id: saved_report.id, params: { link_id: made.share_link.id } }, 404, "not_found");
  expect((await a.ok("listShareLinks", { id: saved_report.id })).share_links).toEqual([]);
});

test("reading needs read:reports, writing write:reports", async ({ request }) => {
  const reader = api(request, (await mintToken(alice, ["read:reports"])).token);
  expect(Array.isArray((await reader.ok("listSavedReports")).saved_reports)).toBe(true);
  const refused = await reader.fail("createSavedReport", { body: { name: "Nope", params: "range=this_month" } }, 403, "insufficient_scope");
  expect(refused.body).toMatchObject({ required_scope: "write:reports" });
});
