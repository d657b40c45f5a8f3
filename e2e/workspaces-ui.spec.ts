import type { APIRequestContext } from "@playwright/test";
import { signedIn } from "./api/api-fixtures";
import { createUser, expect, signIn, test, type TestUser } from "./fixtures";
import { expectNoAxeViolations } from "./support/a11y-audit";
import { join, myWorkspaces, switchWorkspace } from "./support/team";

// What a user sees of workspaces: the header's switcher, and Settings → Workspace (settings, members,
// invitations), editable for owners and admins, read only for the others.

type Member = TestUser & { request: APIRequestContext };

async function member(label: string): Promise<Member> {
  const user = await createUser(label);
  return { ...user, request: await signedIn(user) };
}

/** An owner whose workspace (renamed to a name of its own) has an admin-to-be and a member. */
async function team() {
  const [owner, second, third] = await Promise.all([member("owner"), member("second"), member("third")]);
  const [own] = await myWorkspaces(owner.request);
  const name = `Studio ${owner.id}`;
  const renamed = await owner.request.patch(`/api/v1/workspaces/${own.id}`, { data: { name } });
  expect(renamed.status(), await renamed.text()).toBe(200);
  await join(owner.request, own.id, second, "member");
  await join(owner.request, own.id, third, "member");
  const project = await owner.request.post("/api/v1/projects", { data: { name: `Studio site ${owner.id}` } });
  expect(project.status(), await project.text()).toBe(201);
  return { owner, second, third, workspace: { id: own.id, name }, projectName: `Studio site ${owner.id}` };
}

test.describe("workspaces in the UI", () => {
  test("the switcher lists the user's workspaces and switches with the keyboard; pages show the chosen workspace's data", async ({ page }) => {
    const t = await team();
    await signIn(page, t.second);
    const toggle = page.getByTestId("workspace-switcher");
    await expect(toggle).toHaveAccessibleName(`Workspace: ${t.second.name}'s workspace. Switch workspace`);
    await page.goto("/projects");
    await expect(page.getByText(t.projectName)).toHaveCount(0);

    // Keyboard only: open, go to the other workspace, choose it. (The switcher's code loads alongside the
    // page's: its button is disabled, and takes no focus, until then.)
    await expect(toggle).toBeEnabled();
    await toggle.focus();
    await page.keyboard.press("Enter");
    await expect(toggle).toHaveAttribute("aria-expanded", "true");
    const other = page.getByRole("button", { name: new RegExp(`^${t.workspace.name}, member`) });
    await expect(page.getByRole("button", { name: new RegExp(`^${t.second.name}'s workspace, owner`) })).toBeVisible();
    await other.focus();
    await page.keyboard.press("Enter");
    await expect(toggle).toHaveAccessibleName(`Workspace: ${t.workspace.name}. Switch workspace`);
    await expect(toggle).toBeFocused();
    await expect(page.getByText(t.projectName)).toBeVisible();

    // Escape closes the list and gives focus back.
    await toggle.click();
    await expect(toggle).toHaveAttribute("aria-expanded", "true");
    await page.keyboard.press("Escape");
    await expect(toggle).toHaveAttribute("aria-expanded", "false");
    await expect(toggle).toBeFocused();

    // The choice belongs to the session: a reload keeps it; switching back shows the user's own again.
    await page.reload();
    await expect(toggle).toHaveAccessibleName(`Workspace: ${t.workspace.name}. Switch workspace`);
    await switchWorkspace(page, `${t.second.name}'s workspace`);
    await expect(page.getByText(t.projectName)).toHaveCount(0);
  });

  test("on a phone the switcher fits in the header and works", async ({ browser }) => {
    const t = await team();
    const context = await browser.newContext({ viewport: { width: 375, height: 740 } });
    const page = await context.newPage();
    await signIn(page, t.third);
    const toggle = page.getByTestId("workspace-switcher");
    const box = await toggle.boundingBox();
    expect(box && box.x + box.width).toBeLessThanOrEqual(375);
    await switchWorkspace(page, t.workspace.name);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(375);
  });

  test("an owner edits the workspace, a member's role and rate, removes a member, invites and revokes", async ({ page }) => {
    const t = await team();
    await signIn(page, t.owner);
    await page.goto("/settings");
    await page.getByRole("link", { name: "Manage workspace" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Workspace" })).toBeVisible();
    await expect(page.getByTestId("my-role")).toHaveText("Owner");

    // Settings
    const settings = page.getByRole("region", { name: "Settings" });
    await expect(settings.getByLabel("Workspace name")).toHaveValue(t.workspace.name);
    await settings.getByLabel("Workspace name").fill(`${t.workspace.name} GmbH`);
    await settings.getByLabel("Currency").selectOption("USD");
    await settings.getByLabel("Default hourly rate").fill("90");
    await settings.getByRole("button", { name: "Save workspace" }).click();
    await expect(settings.getByRole("status")).toHaveText("Workspace saved.");
    await expect(page.getByTestId("workspace-switcher")).toHaveAccessibleName(`Workspace: ${t.workspace.name} GmbH. Switch workspace`);
    const saved = await (await t.owner.request.get(`/api/v1/workspaces/${t.workspace.id}`)).json();
    expect(saved.workspace).toMatchObject({ name: `${t.workspace.name} GmbH`, currency: "USD", default_hourly_rate: 90 });

    // Members: names and roles
    const members = page.getByRole("region", { name: "Members" });
    const rows = members.getByTestId("member-item");
    await expect(rows).toHaveCount(3);
    const row = (who: TestUser) => rows.filter({ hasText: who.email });
    await expect(row(t.owner).getByTestId("member-role")).toHaveText("Owner");
    await expect(row(t.owner)).toContainText("(you)");
    await expect(row(t.second).getByTestId("member-role")).toHaveText("Member");

    // Change a role and a rate
    await members.getByRole("button", { name: `Edit ${t.second.name}` }).click();
    const dialog = page.getByRole("dialog", { name: `Edit ${t.second.name}` });
    await dialog.getByLabel("Role").selectOption("manager");
    await dialog.getByLabel("Hourly rate").fill("55");
    await dialog.getByRole("button", { name: "Save" }).click();
    await expect(dialog).toBeHidden();
    await expect(row(t.second).getByTestId("member-role")).toHaveText("Manager");
    await expect(row(t.second)).toContainText("$55.00/h");

    // Remove, after confirming
    await members.getByRole("button", { name: `Remove ${t.third.name}` }).click();
    const confirm = page.getByRole("dialog", { name: "Remove this member?" });
    await expect(confirm).toContainText("Their time entries stay");
    await confirm.getByRole("button", { name: "Remove" }).click();
    await expect(rows).toHaveCount(2);
    await expect(members.getByRole("status")).toHaveText(`${t.third.name} was removed from the workspace.`);
    const listed = await (await t.owner.request.get(`/api/v1/workspaces/${t.workspace.id}/members`)).json();
    expect(listed.members.map((m: { email: string }) => m.email).sort()).toEqual([t.owner.email, t.second.email].sort());

    // Invitations: the link shown once, the pending list, revoke
    const invitations = page.getByRole("region", { name: "Invitations" });
    await expect(invitations.getByText("No pending invitations")).toBeVisible();
    await expectNoAxeViolations(page, "settings/workspace, owner");
    const email = `invitee-${t.owner.id}@example.com`;
    await invitations.getByLabel("Email").fill(email);
    await invitations.getByLabel("Role").selectOption("admin");
    await invitations.getByRole("button", { name: "Invite" }).click();
    const link = page.getByRole("dialog", { name: "Invitation link" });
    await expect(link.getByTestId("invitation-url")).toHaveText(/\/invite\/\S+$/);
    await expectNoAxeViolations(page, "settings/workspace, the invitation link");
    await link.getByRole("button", { name: "Done" }).click();
    const pending = invitations.getByTestId("invitation-item");
    await expect(pending).toHaveCount(1);
    await expect(pending).toContainText(email);
    await expect(pending).toContainText("Admin");
    await invitations.getByRole("button", { name: `Revoke the invitation of ${email}` }).click();
    await page.getByRole("dialog", { name: "Revoke this invitation?" }).getByRole("button", { name: "Revoke" }).click();
    await expect(invitations.getByText("No pending invitations")).toBeVisible();
  });

  test("a member sees the workspace read only: no forms, no member controls, no invitations", async ({ page }) => {
    const t = await team();
    await signIn(page, t.second);
    await switchWorkspace(page, t.workspace.name);
    await page.goto("/settings/workspace");
    await expect(page.getByTestId("my-role")).toHaveText("Member");
    await expect(page.getByTestId("workspace-name")).toHaveText(t.workspace.name);
    await expect(page.getByText("Only the workspace's owners and admins can change these.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Save workspace" })).toHaveCount(0);
    const rows = page.getByTestId("member-item");
    await expect(rows).toHaveCount(3);
    await expect(rows.filter({ hasText: t.owner.email }).getByTestId("member-role")).toHaveText("Owner");
    await expect(page.getByRole("button", { name: /^(Edit|Remove) / })).toHaveCount(0);
    await expect(page.getByRole("region", { name: "Invitations" })).toHaveCount(0);
    await expectNoAxeViolations(page, "settings/workspace, member");
  });
});
