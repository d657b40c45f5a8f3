import { expect, type APIRequestContext, type Page } from "@playwright/test";

// Teams for the workspace specs, made through the API: an owner invites, the invitee accepts.

export type WorkspaceRow = { id: number; name: string; role: string };

/** The workspaces of the session's user (GET /api/v1/workspaces), oldest membership first. */
export async function myWorkspaces(request: APIRequestContext): Promise<WorkspaceRow[]> {
  const res = await request.get("/api/v1/workspaces");
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { workspaces: WorkspaceRow[] }).workspaces;
}

/** `owner` (a session of an owner or admin of `workspaceId`) invites the user of `invitee` (their session) in `role`; they accept. */
export async function join(owner: APIRequestContext, workspaceId: number, invitee: { request: APIRequestContext; email: string }, role: string): Promise<void> {
  const res = await owner.post(`/api/v1/workspaces/${workspaceId}/invitations`, { data: { email: invitee.email, role } });
  expect(res.status(), await res.text()).toBe(201);
  const { invitation } = (await res.json()) as { invitation: { url: string } };
  const token = invitation.url.split("/").pop();
  const accepted = await invitee.request.post("/api/v1/invitations/accept", { data: { token } });
  expect(accepted.status(), await accepted.text()).toBeLessThan(300);
}

/** Switches the page's session to the workspace named `name` with the header's switcher, and waits for it. */
export async function switchWorkspace(page: Page, name: string): Promise<void> {
  const toggle = page.getByTestId("workspace-switcher");
  await toggle.click();
  await page.getByRole("button", { name: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}, `) }).click();
  await expect(toggle).toHaveAccessibleName(`Workspace: ${name}. Switch workspace`);
}
