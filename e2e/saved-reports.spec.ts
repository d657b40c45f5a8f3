import type { Page } from "@playwright/test";
import { expect, signIn, test } from "./fixtures";
import { expectNoAxeViolations } from "./support/a11y-audit";
import { budget } from "./support/budget";

// Saved reports and share links (issue 15): save the report on screen, open it again from the list, share
// it, and open the link in a browser that never signed in: the saved report's figures and nothing else,
// whatever its query string says; revoked, the link is a plain 404.
//
// Last month, seeded through the API: Alpha (billable, 100/h) 09:00–11:00 "Alpha task", Beta 13:00–14:00 "Beta secret".
// Saved: last month, project Alpha, by project: total 2:00:00, 200.00 (as "€200.00", the one money format), one entry.

function lastMonth() {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
}

async function seed(page: Page) {
  const post = async <T>(path: string, data: object): Promise<T> => {
    const res = await page.request.post(`/api/v1/${path}`, { data });
    expect(res.status(), await res.text()).toBe(201);
    return res.json() as Promise<T>;
  };
  const { project: alpha } = await post<{ project: { id: number } }>("projects", { name: "Alpha", billable: true, hourly_rate: 100 });
  const { project: beta } = await post<{ project: { id: number } }>("projects", { name: "Beta" });
  const day = `${lastMonth()}-10`;
  await post("time-entries", { start_time: `${day}T09:00:00Z`, end_time: `${day}T11:00:00Z`, project_id: alpha.id, notes: "Alpha task" });
  await post("time-entries", { start_time: `${day}T13:00:00Z`, end_time: `${day}T14:00:00Z`, project_id: beta.id, notes: "Beta secret" });
  return { alpha, beta };
}

const total = (page: Page) => page.getByTestId("report-table").locator("tfoot tr").first();

test("save a report, open it from the list, share it, view it signed out, revoke it", async ({ page, browser, user }) => {
  await signIn(page, user);
  const { alpha, beta } = await seed(page);

  await page.goto(`/reports?range=last_month&project_id=${alpha.id}&group_by=project`);
  await expect(total(page)).toContainText("2:00:00");
  await page.getByRole("button", { name: "Save report" }).click();
  const saveDialog = page.getByRole("dialog", { name: "Save report" });
  await saveDialog.getByLabel("Name").fill("Alpha last month");
  await saveDialog.getByRole("button", { name: "Save" }).click();
  await expect(saveDialog).toBeHidden();
  await expect(page.getByText("Showing “Alpha last month”")).toBeVisible();

  // Elsewhere (the default report), then back through the list: its params become the page's URL.
  await page.goto("/reports");
  await expect(page.getByTestId("report-range")).toContainText("This month");
  await page.getByRole("button", { name: /^Saved reports/ }).click();
  await page.getByRole("list", { name: "Saved reports" }).getByRole("link", { name: "Alpha last month" }).click();
  await expect(page).toHaveURL(new RegExp(`/reports\\?range=last_month&project_id=${alpha.id}&group_by=project$`));
  await expect(total(page)).toContainText("2:00:00");
  // Changed filters can go into the saved report: Beta too, then back to Alpha only.
  await page.goto(`/reports?range=last_month&project_id=${alpha.id},${beta.id}&group_by=project`);
  await expect(page.getByRole("button", { name: /^Update/ })).toHaveCount(0); // nothing opened from the list in this page
  await page.getByRole("button", { name: /^Saved reports/ }).click();
  await page.getByRole("list", { name: "Saved reports" }).getByRole("link", { name: "Alpha last month" }).click();
  await expect(page).toHaveURL(new RegExp(`project_id=${alpha.id}&group_by=project$`));
  await page.getByLabel("Group by", { exact: true }).selectOption("day");
  await expect(page).toHaveURL(/group_by=day$/);
  await page.getByRole("button", { name: "Update “Alpha last month”" }).click();
  await expect(page.getByText("Showing “Alpha last month”")).toBeVisible();
  await page.getByLabel("Group by", { exact: true }).selectOption("project");
  await page.getByRole("button", { name: "Update “Alpha last month”" }).click();
  await expect(page.getByText("Showing “Alpha last month”")).toBeVisible();
  // On a phone the list's actions wrap: nothing wider than the screen.
  await page.setViewportSize({ width: 375, height: 800 });
  await expect(page.getByRole("button", { name: "Share Alpha last month" })).toBeVisible();
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  await expectNoAxeViolations(page, "saved reports on a phone");

  // Share: the link is shown once. The dialog's list of links is still loading when the link is made (its
  // first answer, read before the link existed, arrives after it, as on a busy server): the list must show
  // the new link all the same.
  let releaseList = () => {};
  const listHeld = new Promise<void>((resolve) => (releaseList = resolve));
  await page.route(
    "**/api/v1/saved-reports/*/share-links",
    async (route) => {
      const before = await route.fetch(); // read before the link exists: an empty list
      await listHeld;
      await route.fulfill({ response: before });
    },
    { times: 1 },
  );
  const listAsked = page.waitForRequest((r) => r.method() === "GET" && r.url().endsWith("/share-links"));
  await page.getByRole("button", { name: "Share Alpha last month" }).click();
  const share = page.getByRole("dialog", { name: 'Share "Alpha last month"' });
  await listAsked;
  const created = page.waitForResponse((r) => r.request().method() === "POST" && r.url().endsWith("/share-links"));
  await share.getByRole("button", { name: "Create link" }).click();
  expect((await created).status()).toBe(201);
  releaseList();
  const url = await share.getByTestId("share-url").inputValue();
  expect(url).toMatch(/\/share\/[A-Za-z0-9_-]{32}$/);
  await expect(share.getByTestId("share-link")).toHaveCount(1);
  await expectNoAxeViolations(page, "share dialog");

  // A browser that never signed in.
  const stranger = await browser.newContext();
  const view = await stranger.newPage();
  const res = await view.goto(url);
  expect(res?.status()).toBe(200);
  expect(res?.headers()["referrer-policy"]).toBe("no-referrer");
  expect(res?.headers()["x-robots-tag"]).toContain("noindex");
  await expect(view.getByRole("heading", { level: 1, name: "Alpha last month" })).toBeVisible();
  await expect(total(view)).toContainText("2:00:00");
  // Money as on every other page (the workspace's currency, EUR): "€200.00", not "EUR 200.00".
  await expect(total(view)).toContainText("€200.00");
  await expect(view.getByTestId("report-entry")).toContainText("€200.00");
  await expect(view.getByTestId("report-entry")).toHaveCount(1);
  await expect(view.getByTestId("report-entries")).toContainText("Alpha task");
  await expect(view.locator("body")).not.toContainText("Beta secret");
  await expectNoAxeViolations(view, "share page");
  // On a phone: one column, nothing wider than the screen but the tables' own scroll boxes.
  await view.setViewportSize({ width: 375, height: 740 });
  await expect.poll(() => view.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  // The link's query string is not the report: asking for Beta shows the saved report all the same.
  await view.goto(`${url}?project_id=${beta.id}&range=this_year&group_by=member`);
  await expect(total(view)).toContainText("2:00:00");
  await expect(view.locator("body")).not.toContainText("Beta secret");
  const csv = await view.request.get(`${url}/export?format=csv&project_id=${beta.id}`);
  expect(csv.status()).toBe(200);
  const text = await csv.text();
  expect(text).toContain("Alpha task");
  expect(text).not.toContain("Beta secret");

  // Revoked: the same link is a plain 404, the page and the export alike.
  await share.getByRole("button", { name: /^Revoke link/ }).click();
  await expect(share.getByText("No links yet.")).toBeVisible();
  const gone = await view.goto(url);
  expect(gone?.status()).toBe(404);
  await expect(view.getByRole("heading", { level: 1 })).not.toContainText("Alpha last month");
  await expect(view.locator("body")).not.toContainText("Alpha task");
  expect((await view.request.get(`${url}/export?format=csv`)).status()).toBe(404);
  // An unknown token answers exactly the same.
  const unknown = await view.goto(url.replace(/[A-Za-z0-9_-]{32}$/, "A".repeat(32)));
  expect(unknown?.status()).toBe(404);
  await stranger.close();
});

test("a link opened too often: its page answers 429 with Retry-After and says when to try again, as its exports do", async ({ page, browser, user }) => {
  await signIn(page, user);
  const { alpha } = await seed(page);
  const saved = await page.request.post("/api/v1/saved-reports", { data: { name: "Hammered", params: `range=last_month&project_id=${alpha.id}` } });
  expect(saved.status(), await saved.text()).toBe(201);
  const { saved_report } = (await saved.json()) as { saved_report: { id: number } };
  const made = await page.request.post(`/api/v1/saved-reports/${saved_report.id}/share-links`, { data: {} });
  expect(made.status(), await made.text()).toBe(201);
  const { token } = (await made.json()) as { token: string };
  const url = new URL(`/share/${token}`, page.url()).toString(); // the API's url is STINT_PUBLIC_URL's, not the test server's

  // 60 views a minute (fixed minute windows) and 600 an hour. Each view counts once, whether the page is loaded
  // or fetched by Next's router (RSC: with its cache-busting _rsc, empty without router headers; Next
  // redirects an RSC request without it), so the 61st view of a minute is the first refused.
  const stranger = await browser.newContext();
  const view = (n: number) => stranger.request.get(n % 2 ? `${url}?_rsc=` : url, { headers: n % 2 ? { RSC: "1" } : {}, maxRedirects: 0 });
  async function viewUntilRefused() {
    for (let served = 0; served <= 120; served++) {
      const res = await view(served);
      if (res.status() === 429) return { served, refused: res };
      expect(res.status(), `view ${served + 1}`).toBe(200);
    }
    throw new Error("121 views, none refused");
  }
  let { served, refused } = await viewUntilRefused();
  // 60 or more: the views may have begun in one minute and gone on in the next.
  expect(served).toBeGreaterThanOrEqual(60);
  if (Number(refused.headers()["retry-after"]) < 15) {
    // Too little of the minute left for the checks below: the link works again in the next minute, as its
    // Retry-After says (the first view then is counted there), and 59 more views use that minute up.
    await expect.poll(async () => (await view(0)).status(), { timeout: budget.background }).toBe(200);
    ({ served, refused } = await viewUntilRefused());
    expect(served).toBeGreaterThanOrEqual(59);
  }
  expect(refused.headers()["content-type"]).toContain("text/html");
  expect(await refused.text()).toContain(`This link was opened too often: try again in ${refused.headers()["retry-after"]} s.`);

  // A browser opening the link now: 429, Retry-After, and the same wait in words, on a page of its own.
  const tab = await stranger.newPage();
  const res = await tab.goto(url);
  expect(res?.status()).toBe(429);
  const retryAfter = Number(res?.headers()["retry-after"]);
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(60);
  expect(res?.headers()["content-type"]).toContain("text/html");
  expect(res?.headers()["cache-control"]).toBe("no-store");
  expect(res?.headers()["referrer-policy"]).toBe("no-referrer");
  await expect(tab.getByText(`This link was opened too often: try again in ${retryAfter} s.`, { exact: true })).toBeVisible();
  await expect(tab.locator("body")).not.toContainText("Alpha task");
  await expect(tab.locator("body")).not.toContainText("Hammered");
  // The exports share the link's count.
  const csv = await stranger.request.get(`${url}/export?format=csv`);
  expect(csv.status()).toBe(429);
  expect(Number(csv.headers()["retry-after"])).toBeGreaterThan(0);
  expect(await csv.json()).toMatchObject({ error_code: "rate_limited", message: expect.stringMatching(/^This link was opened too often: try again in \d+ s\.$/) });
  // A wrong token is still the plain 404, limits or not.
  expect((await tab.goto(url.replace(/[A-Za-z0-9_-]{32}$/, "A".repeat(32))))?.status()).toBe(404);
  await stranger.close();
});
