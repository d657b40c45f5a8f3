import crypto from "node:crypto";
import type { FakeZoho } from "./fakes/zoho";
import { api, signedIn, USER_SCOPES, type Api } from "./api/api-fixtures";
import { createUser, expect, signIn, test, type TestUser } from "./fixtures";
import { runCli } from "./support/cli";
import { e2e, e2eDatabaseUrl } from "./support/config";
import { startE2eFakeZoho } from "./support/fake-zoho";
import { budget } from "./support/budget";
import { join, myWorkspaces, switchWorkspace } from "./support/team";

// A member connects their own Zoho account in a team's workspace, but importing its projects adds to the
// workspace's catalog, which managers and up manage: the API refuses with 403 and the reason, "Sync now"
// sends entries without importing, and the page disables "Import projects now" saying why.

let zoho: FakeZoho;
const REMOTE = `Remote ${crypto.randomBytes(3).toString("hex")}`;

test.beforeAll(async () => {
  test.setTimeout(budget.withServer); // may wait for another spec to free the fake's port
  zoho = await startE2eFakeZoho();
  zoho.state.config.rateLimit.max = 100_000;
  zoho.state.addProject({ name: REMOTE });
});
test.afterAll(async () => {
  await zoho?.close();
});

async function memberToken(user: TestUser, workspaceId: number): Promise<Api> {
  const scopes = USER_SCOPES.filter((s) => s !== "read:team");
  const run = await runCli(["token", "create", "--user", user.email, "--workspace", String(workspaceId), "--scopes", scopes.join(","), "--json"], {
    dataDir: e2e.dataDir!,
    databaseUrl: e2eDatabaseUrl(),
  });
  expect(run.code, run.stderr).toBe(0);
  const request = await signedIn(user); // any context; the token decides who calls
  return api(request, JSON.parse(run.stdout).token);
}

test("a member connects Zoho in a team's workspace but does not import its projects", async ({ browser }) => {
  const owner = await createUser("import-owner");
  const member = await createUser("import-member");
  const ownerSession = await signedIn(owner);
  const [workspace] = await myWorkspaces(ownerSession);
  await join(ownerSession, workspace.id, { request: await signedIn(member), email: member.email }, "member");
  const client = await memberToken(member, workspace.id);

  const { integration } = await client.ok("connectIntegration", { params: { provider: "zoho-projects" }, body: { refresh_token: zoho.issueRefreshToken(), settings: { dc: "us" } } });
  const refused = await client.fail("importIntegration", { id: integration.id }, 403, "forbidden");
  expect(refused.body).toEqual({
    error: refused.body.message,
    message:
      "You cannot import projects into this workspace (an import adds to its projects and tasks, which managers, admins and owners manage): your role in this workspace is member.",
    error_code: "forbidden",
    role: "member",
  });

  // "Sync now" runs (it sends the member's entries) and imports nothing.
  const { job } = await client.ok("syncIntegration", { id: integration.id });
  await expect
    .poll(async () => (await client.ok("getIntegrationJob", { id: integration.id, params: { job: job.id } })).job, { timeout: budget.background })
    .toMatchObject({ status: "succeeded", message: "Pushed 0 entries." });
  const projects = (await client.ok("listProjects", { query: { per_page: 100 } })).projects.map((p) => p.name);
  expect(projects).not.toContain(REMOTE);

  const page = await (await browser.newContext()).newPage();
  await signIn(page, member);
  await switchWorkspace(page, workspace.name);
  await page.goto("/settings/integrations");
  const card = page.getByTestId("connection");
  await expect(card.getByRole("button", { name: "Import projects now" })).toBeDisabled();
  await expect(card.getByTestId("import-blocked")).toHaveText(refused.body.message);
  await expect(card.getByRole("button", { name: "Import projects now" })).toHaveAccessibleDescription(refused.body.message);
  await expect(card.getByRole("button", { name: "Sync now" })).toBeEnabled();
  await page.context().close();
});
