import type { APIRequestContext, Browser, Page } from "@playwright/test";
import { signedIn } from "./api/api-fixtures";
import { createUser, expect, signIn, test, type TestUser } from "./fixtures";
import { expectNoAxeViolations } from "./support/a11y-audit";
import { join, myWorkspaces, switchWorkspace } from "./support/team";

// The Team page: for managers and up, who is tracking now (within seconds) and every member's hours this
// week and this month; a member's name opens their Overview. Members see neither the link nor the page.

type Member = TestUser & { request: APIRequestContext };

async function member(label: string): Promise<Member> {
  const user = await createUser(label);
  return { ...user, request: await signedIn(user) };
}

/** A browser page signed in as `who`, acting in the workspace named `workspace` (switched in the header). */
async function pageIn(browser: Browser, who: TestUser, workspace: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, who);
  await switchWorkspace(page, workspace);
  return page;
}

/** Minutes of a session that ended 5 minutes ago and stays inside today (UTC, the users' zone): so inside this week and month. */
function sessionToday(minutes: number): { start: string; end: string; seconds: number } {
  const end = new Date(Date.now() - 5 * 60_000);
  const midnight = Date.UTC(end.getUTCFullYear(), end.getUTCMonth(), end.getUTCDate());
  const start = new Date(Math.max(end.getTime() - minutes * 60_000, midnight));
  return { start: start.toISOString(), end: end.toISOString(), seconds: Math.floor((end.getTime() - start.getTime()) / 1000) };
}

const total = (seconds: number) => {
  const m = Math.floor(seconds / 60);
  return m >= 60 ? `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, "0")}m` : `${m}m`;
};

test.describe("the Team page", () => {
  let owner: Member;
  let manager: Member;
  let tracker: Member;
  let workspace: { id: number; name: string };
  let projectId: number;
  let session: { start: string; end: string; seconds: number };

  test.beforeAll(async () => {
    [owner, manager, tracker] = await Promise.all([member("owner"), member("manager"), member("tracker")]);
    [workspace] = await myWorkspaces(owner.request);
    await join(owner.request, workspace.id, manager, "manager");
    await join(owner.request, workspace.id, tracker, "member");
    const project = await owner.request.post("/api/v1/projects", { data: { name: "Website", color: "#2563eb" } });
    expect(project.status(), await project.text()).toBe(201);
    projectId = (await project.json()).project.id;
    session = sessionToday(45);
    const entry = await owner.request.post("/api/v1/time-entries", { data: { notes: "Planning", project_id: projectId, start_time: session.start, end_time: session.end } });
    expect(entry.status(), await entry.text()).toBe(201);
  });

  test("a manager sees who is tracking now, live, and every member's hours; a name opens that member's overview", async ({ browser }) => {
    // The member tracks in the team's workspace (their browser switched to it).
    const trackerPage = await pageIn(browser, tracker, workspace.name);
    const started = await trackerPage.request.post("/api/v1/timer/start", { data: { notes: "Writing specs", project_id: projectId } });
    expect(started.status(), await started.text()).toBe(201);

    const page = await pageIn(browser, manager, workspace.name);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Team" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Team" })).toBeVisible();

    const now = page.getByTestId("tracking-now");
    await expect(now).toHaveCount(1);
    await expect(now).toContainText(tracker.name);
    await expect(now).toContainText("Website");
    await expect(now).toContainText("Writing specs");
    await expect(now).toContainText(/since \d\d:\d\d/);

    const rows = page.getByTestId("team-member");
    await expect(rows).toHaveCount(3);
    const row = (who: TestUser) => rows.filter({ hasText: who.name });
    await expect(row(owner).getByTestId("week-hours")).toHaveText(total(session.seconds));
    await expect(row(owner).getByTestId("month-hours")).toHaveText(total(session.seconds));
    await expect(row(owner)).toContainText("Owner");
    await expect(row(manager)).toContainText("Manager");
    await expect(row(manager).getByTestId("week-hours")).toHaveText("0m");
    await expect(row(tracker)).toContainText("Member · tracking");

    await expectNoAxeViolations(page, "team, someone tracking");

    // Live: the member stops, and the page says so within seconds (no reload).
    const stopped = await trackerPage.request.post("/api/v1/timer/stop");
    expect(stopped.status(), await stopped.text()).toBe(200);
    await expect(page.getByText("Nobody is tracking right now")).toBeVisible({ timeout: 15_000 });
    await expect(row(tracker)).not.toContainText("tracking");

    // The owner's name opens their overview: their 45 minutes, read only.
    await row(owner).getByRole("link", { name: owner.name }).click();
    await expect(page).toHaveURL(new RegExp(`/overview\\?member=${owner.id}$`));
    await expect(page.getByTestId("overview-member")).toContainText(`${owner.name}'s time`);
    await expect(page.getByTestId("overview-total")).toHaveText(total(session.seconds));
    await expect(page.getByRole("button", { name: /^Edit “/ })).toHaveCount(0);
    await expect(page.getByText("Planning")).toBeVisible();
  });

  test("a member sees no Team link, and the page says who it is for", async ({ browser }) => {
    const page = await pageIn(browser, tracker, workspace.name);
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Overview" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Team" })).toHaveCount(0);
    await page.goto("/team");
    await expect(page.getByText("The Team page is for managers, admins and owners")).toBeVisible();
    await expect(page.getByTestId("team-member")).toHaveCount(0);
    // Nor another member's overview.
    const res = await page.goto(`/overview?member=${owner.id}`);
    expect(res?.status()).toBe(404);
  });

  test("an empty team: nobody tracking, the owner alone with no hours", async ({ page }) => {
    const alone = await createUser("alone");
    await signIn(page, alone);
    await page.goto("/team");
    await expect(page.getByText("Nobody is tracking right now")).toBeVisible();
    await expect(page.getByTestId("team-member")).toHaveCount(1);
    await expect(page.getByTestId("team-member").getByTestId("week-hours")).toHaveText("0m");
    await expectNoAxeViolations(page, "team, empty");
  });
});
