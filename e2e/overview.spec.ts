import type { Page } from "@playwright/test";
import { expect, signIn, test } from "./fixtures";

// A fixed past June, in UTC (the user's zone unless a test changes it). Mon 15 – Sun 21 Jun 2026:
//   Mon 15  09:00–12:00  Website (billable)   "Homepage layout" #design
//   Tue 16  13:00–14:30  Research (not billable)
//   Wed 17  22:00–Thu 18 02:00  Website (billable)  "Deploy night": 2h on Wednesday, 2h on Thursday
//   Fri 19  10:00–10:45  no project, no name
//   Sun 21  10:00–11:00  Research
// and around it: Tue 9 Jun 1h Website, Sun 14 Jun 2h no project, Wed 1 Jul 1h Website.
async function seed(page: Page) {
  const post = async <T>(path: string, data: object): Promise<T> => {
    const res = await page.request.post(`/api/v1/${path}`, { data });
    expect(res.status(), await res.text()).toBe(201);
    return res.json() as Promise<T>;
  };
  const { client } = await post<{ client: { id: number } }>("clients", { name: "Acme" });
  const { project: website } = await post<{ project: { id: number } }>("projects", { name: "Website", client_id: client.id, billable: true, color: "#2563eb" });
  const { project: research } = await post<{ project: { id: number } }>("projects", { name: "Research", billable: false, color: "#d97706" });
  const entry = (start: string, end: string, more: object = {}) => post("time-entries", { start_time: `${start}Z`, end_time: `${end}Z`, ...more });
  await entry("2026-06-15T09:00:00", "2026-06-15T12:00:00", { project_id: website.id, notes: "Homepage layout", tags: ["design"] });
  await entry("2026-06-16T13:00:00", "2026-06-16T14:30:00", { project_id: research.id, notes: "Reading" });
  await entry("2026-06-17T22:00:00", "2026-06-18T02:00:00", { project_id: website.id, notes: "Deploy night" });
  await entry("2026-06-19T10:00:00", "2026-06-19T10:45:00");
  await entry("2026-06-21T10:00:00", "2026-06-21T11:00:00", { project_id: research.id, notes: "Sunday reading" });
  await entry("2026-06-09T09:00:00", "2026-06-09T10:00:00", { project_id: website.id, notes: "Kick-off" });
  await entry("2026-06-14T15:00:00", "2026-06-14T17:00:00", { notes: "Sunday admin" });
  await entry("2026-07-01T09:00:00", "2026-07-01T10:00:00", { project_id: website.id, notes: "July work" });
}

const title = (page: Page) => page.getByRole("heading", { level: 1 });
const total = (page: Page) => page.getByTestId("overview-total");
const billable = (page: Page) => page.getByTestId("overview-billable");
const bars = (page: Page) => page.getByRole("list", { name: "Time per day" }).getByRole("link");
const projects = (page: Page) => page.getByRole("list", { name: "Time per project" }).getByRole("listitem");
const day = (page: Page, label: string) => page.getByRole("region", { name: new RegExp(`^${label}\\b`) });

async function expectBars(page: Page, names: string[]) {
  await expect(bars(page)).toHaveCount(names.length);
  for (const [i, name] of names.entries()) await expect(bars(page).nth(i)).toHaveAccessibleName(name);
}

test.describe("overview", () => {
  test("a week: totals, days (a session across midnight counts toward both), projects and sessions", async ({ page, user }) => {
    await signIn(page, user);
    await seed(page);
    await page.goto("/overview?period=week&date=2026-06-17");

    await expect(title(page)).toHaveText("Overview: Mon 15 – Sun 21 Jun 2026");
    await expect(page.getByRole("radio", { name: "Week" })).toBeChecked();
    await expect(total(page)).toHaveText("10h 15m");
    await expect(billable(page)).toHaveText("7h 00m");
    await expect(page.getByTestId("overview-sessions")).toHaveText("5");
    await expectBars(page, [
      "Monday 15 June: 3h 00m, billable 3h 00m",
      "Tuesday 16 June: 1h 30m",
      "Wednesday 17 June: 2h 00m, billable 2h 00m",
      "Thursday 18 June: 2h 00m, billable 2h 00m",
      "Friday 19 June: 45m",
      "Saturday 20 June: 0m",
      "Sunday 21 June: 1h 00m",
    ]);
    await expect(projects(page)).toHaveText([/^Website\s*Acme\s*68%\s*7h 00m$/, /^Research\s*24%\s*2h 30m$/, /^No project\s*7%\s*45m$/]);

    // Sessions, grouped by the day they start on, each day with its total.
    await expect(day(page, "Monday 15 June")).toContainText("3:00:00");
    const homepage = day(page, "Monday 15 June").getByRole("listitem");
    await expect(homepage).toContainText("Homepage layout");
    await expect(homepage).toContainText("design");
    await expect(homepage).toContainText("Website");
    await expect(homepage).toContainText("09:00 – 12:00");
    await expect(homepage).toContainText("3:00:00");
    const night = day(page, "Wednesday 17 June").getByRole("listitem");
    await expect(night).toContainText("Deploy night");
    await expect(night).toContainText("22:00 – Thu 18, 02:00");
    await expect(night).toContainText("4:00:00");
    await expect(day(page, "Friday 19 June").getByRole("listitem")).toContainText("(no name)");
    await expect(day(page, "Friday 19 June").getByRole("listitem")).toContainText("No project");
    await expect(page.getByText("Kick-off")).toHaveCount(0); // the week before
    await expect(page.getByText("Sunday admin")).toHaveCount(0);

    // The selection survives a reload.
    await page.reload();
    await expect(title(page)).toHaveText("Overview: Mon 15 – Sun 21 Jun 2026");
    await expect(total(page)).toHaveText("10h 15m");
  });

  test("previous/next, day and month views, back/forward and keys", async ({ page, user }) => {
    await signIn(page, user);
    await seed(page);
    await page.goto("/overview?period=week&date=2026-06-17");
    await expect(total(page)).toHaveText("10h 15m");

    await page.getByRole("button", { name: "Previous week" }).click();
    await expect(title(page)).toHaveText("Overview: Mon 8 – Sun 14 Jun 2026");
    await expect(page).toHaveURL(/\?period=week&date=2026-06-10$/);
    await expect(total(page)).toHaveText("3h 00m");
    await expect(billable(page)).toHaveText("1h 00m");
    await expect(day(page, "Sunday 14 June")).toContainText("Sunday admin");

    await page.getByRole("button", { name: "Next week" }).click();
    await page.getByRole("button", { name: "Next week" }).click();
    await expect(title(page)).toHaveText("Overview: Mon 22 – Sun 28 Jun 2026");
    await expect(page.getByText("No time tracked this week.")).toBeVisible();
    await expect(page.getByRole("link", { name: "Timer page" })).toHaveAttribute("href", "/");

    // Back and forward walk the history of periods.
    await page.goBack();
    await expect(title(page)).toHaveText("Overview: Mon 15 – Sun 21 Jun 2026");
    await expect(total(page)).toHaveText("10h 15m");
    await page.goForward();
    await expect(title(page)).toHaveText("Overview: Mon 22 – Sun 28 Jun 2026");
    await page.goBack();
    await expect(total(page)).toHaveText("10h 15m");

    // Day view: the anchor (Wednesday 17) is kept; the night session counts 2h on each side of midnight.
    await page.getByRole("radio", { name: "Day" }).check();
    await expect(title(page)).toHaveText("Overview: Wednesday 17 June 2026");
    await expect(page).toHaveURL(/\?period=day&date=2026-06-17$/);
    await expect(total(page)).toHaveText("2h 00m");
    await expect(projects(page)).toHaveText([/^Website\s*Acme\s*100%\s*2h 00m$/]);
    await expect(page.getByRole("img", { name: /24-hour line/ })).toBeVisible();
    await page.getByRole("button", { name: "Next day" }).click();
    await expect(title(page)).toHaveText("Overview: Thursday 18 June 2026");
    await expect(total(page)).toHaveText("2h 00m");
    await expect(day(page, "Thursday 18 June").getByRole("listitem")).toContainText("Wed 17, 22:00 – 02:00");

    // Month view.
    await page.getByRole("radio", { name: "Month" }).check();
    await expect(title(page)).toHaveText("Overview: June 2026");
    await expect(total(page)).toHaveText("13h 15m");
    await expect(billable(page)).toHaveText("8h 00m");
    await expect(bars(page)).toHaveCount(30);
    await expect(bars(page).nth(8)).toHaveAccessibleName("Tuesday 9 June: 1h 00m, billable 1h 00m");
    await page.getByRole("button", { name: "Next month" }).click();
    await expect(title(page)).toHaveText("Overview: July 2026");
    await expect(total(page)).toHaveText("1h 00m");
    await expect(bars(page)).toHaveCount(31);

    // Keys: [ and ] (or Alt+arrows) step, W switches to the week; the radios are reachable by keyboard.
    await page.keyboard.press("[");
    await expect(title(page)).toHaveText("Overview: June 2026");
    await page.keyboard.press("w");
    await expect(title(page)).toHaveText("Overview: Mon 15 – Sun 21 Jun 2026");
    await page.keyboard.press("Alt+ArrowRight");
    await expect(title(page)).toHaveText("Overview: Mon 22 – Sun 28 Jun 2026");
    await page.keyboard.press("Alt+ArrowLeft");
    await expect(title(page)).toHaveText("Overview: Mon 15 – Sun 21 Jun 2026");
    await page.getByRole("radio", { name: "Week" }).focus();
    await page.keyboard.press("ArrowRight");
    await expect(page.getByRole("radio", { name: "Month" })).toBeChecked();
    await expect(title(page)).toHaveText("Overview: June 2026");

    // A bar of the week opens its day.
    await page.keyboard.press("w");
    await bars(page).nth(0).click();
    await expect(title(page)).toHaveText("Overview: Monday 15 June 2026");
    await expect(total(page)).toHaveText("3h 00m");
  });

  test("the week starts on the user's day and days are the user's zone's", async ({ page, user }) => {
    await signIn(page, user);
    await seed(page);

    const sunday = await page.request.patch("/api/v1/users/me", { data: { week_start: 0 } });
    expect(sunday.ok()).toBe(true);
    await page.goto("/overview?period=week&date=2026-06-17");
    await expect(title(page)).toHaveText("Overview: Sun 14 – Sat 20 Jun 2026");
    await expect(total(page)).toHaveText("11h 15m");
    await expect(bars(page).first()).toHaveAccessibleName("Sunday 14 June: 2h 00m");
    await expect(bars(page).last()).toHaveAccessibleName("Saturday 20 June: 0m");
    await expect(day(page, "Sunday 14 June")).toContainText("Sunday admin");
    await expect(page.getByText("Sunday reading")).toHaveCount(0);

    // New York is 4 hours behind UTC in June: the night session falls wholly on Wednesday evening.
    const zone = await page.request.patch("/api/v1/users/me", { data: { timezone: "America/New_York", week_start: 1 } });
    expect(zone.ok()).toBe(true);
    await page.reload();
    await expect(title(page)).toHaveText("Overview: Mon 15 – Sun 21 Jun 2026");
    await expect(total(page)).toHaveText("10h 15m");
    await expect(bars(page).nth(2)).toHaveAccessibleName("Wednesday 17 June: 4h 00m, billable 4h 00m");
    await expect(bars(page).nth(3)).toHaveAccessibleName("Thursday 18 June: 0m");
    await expect(day(page, "Wednesday 17 June").getByRole("listitem")).toContainText("18:00 – 22:00");
    await expect(page.getByText("Times in America/New_York")).toBeVisible();
  });

  test("this week by default, with a running session and an empty week", async ({ page, user }) => {
    await signIn(page, user);
    await page.goto("/overview");
    await expect(page.getByText("This week", { exact: true })).toBeVisible();
    await expect(page.getByRole("radio", { name: "Week" })).toBeChecked();
    await expect(page.getByText("No time tracked this week.")).toBeVisible();

    const started = await page.request.post("/api/v1/timer/start", { data: { notes: "Writing the report" } });
    expect(started.status()).toBe(201);
    await page.reload();
    const row = page.getByRole("listitem").filter({ hasText: "Writing the report" });
    await expect(row).toContainText("Running");
    await expect(row).toContainText("– now");
    await expect(page.getByTestId("overview-sessions")).toHaveText("1");

    // "Today" comes back to this week from anywhere.
    await page.goto("/overview?period=week&date=2026-05-06");
    await expect(title(page)).toHaveText("Overview: Mon 4 – Sun 10 May 2026");
    await expect(page.getByText("No time tracked this week.")).toBeVisible();
    await page.getByRole("button", { name: "Today" }).click();
    await expect(page.getByText("This week", { exact: true })).toBeVisible();
    await expect(row).toContainText("Running");
  });

  test("a period arrives in one request, preloaded with the page; totals and sessions together; an edit shows in it at once", async ({ page, user }) => {
    await signIn(page, user);
    await seed(page);
    const asked: string[] = [];
    page.on("request", (r) => {
      const url = new URL(r.url());
      if (url.pathname.startsWith("/api/v1/reports/") || url.pathname.startsWith("/api/v1/time-entries")) asked.push(`${url.pathname}${url.search}`);
    });
    await page.goto("/overview?period=month&date=2026-06-17");
    await expect(total(page)).toHaveText("13h 15m");
    await expect(page.getByTestId("overview-sessions")).toHaveText("7");
    await expect(page.locator("section[data-date] li")).toHaveCount(7);
    // June was asked for once: the page's preload, taken up by the page's own request.
    expect(asked).toEqual(["/api/v1/reports/period?period=month&date=2026-06-01&shape=rows"]);

    await page.getByRole("button", { name: "Next month" }).click();
    await expect(total(page)).toHaveText("1h 00m");
    await expect(day(page, "Wednesday 1 July")).toContainText("July work");
    expect(asked).toEqual(["/api/v1/reports/period?period=month&date=2026-06-01&shape=rows", "/api/v1/reports/period?period=month&date=2026-07-01&shape=rows"]);

    // An edit shows in the list before the server has answered (and the list then keeps it).
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route("**/api/v1/time-entries/*", async (route) => {
      if (route.request().method() === "PATCH") await held;
      await route.continue();
    });
    await page.getByRole("button", { name: "Edit “July work”" }).click();
    const dialog = page.getByRole("dialog", { name: "Edit session" });
    await dialog.getByLabel("Name").fill("July planning");
    await dialog.getByRole("button", { name: "Save" }).click();
    await expect(day(page, "Wednesday 1 July").getByRole("listitem")).toContainText("July planning");
    release();
    await expect(dialog).toBeHidden();
    await expect.poll(() => asked.filter((u) => u.includes("date=2026-07-01")).length).toBeGreaterThan(1);
    await expect(day(page, "Wednesday 1 July").getByRole("listitem")).toContainText("July planning");
  });

  test("the page's HTML holds the period's totals and its first 40 sessions; the rest follow with the period's answer", async ({ page, user }) => {
    await signIn(page, user);
    // 45 sessions in May 2026 (UTC): three a day from the 1st, named in time order.
    for (let i = 0; i < 45; i++) {
      const date = `2026-05-${String(Math.floor(i / 3) + 1).padStart(2, "0")}`;
      const hour = ["09", "11", "14"][i % 3];
      const res = await page.request.post("/api/v1/time-entries", {
        data: { start_time: `${date}T${hour}:00:00Z`, end_time: `${date}T${hour}:30:00Z`, notes: `Task ${String(i + 1).padStart(2, "0")}` },
      });
      expect(res.status(), await res.text()).toBe(201);
    }
    const path = "/overview?period=month&date=2026-05-20";

    // The server's HTML alone: the totals, the first 40 sessions (the oldest, as the list orders them) and what is still coming.
    // (Booleans, not the page: a failing toContain would print all of it.) React separates text parts with comments.
    const html = (await (await page.request.get(path)).text()).replaceAll("<!-- -->", "");
    expect(/data-testid="overview-total"[^>]*>22h 30m</.test(html)).toBe(true);
    expect([">Task 01<", ">Task 40<", ">Task 41<", ">Loading the other 5 sessions…<"].map((s) => html.includes(s))).toEqual([true, true, false, true]);

    // In the browser, with the period's answer held back: the server's first screen, hydrated without a mismatch.
    const errors: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    page.on("pageerror", (e) => errors.push(e.message));
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let periodAsked = 0;
    await page.route("**/api/v1/reports/period*", async (route) => {
      periodAsked++;
      await held;
      await route.continue();
    });
    await page.goto(path);
    await expect(total(page)).toHaveText("22h 30m");
    await expect(page.getByTestId("overview-sessions")).toHaveText("45");
    await expect(page.locator("section[data-date] li")).toHaveCount(40);
    await expect(page.getByTestId("overview-sessions-loading")).toHaveText("Loading the other 5 sessions…");
    // Not dimmed as a period just left is: it is this period's own report.
    await expect(page.locator("[data-stale]")).toHaveCount(0);
    await expect.poll(() => periodAsked).toBe(1);
    release();
    await expect(page.locator("section[data-date] li")).toHaveCount(45);
    await expect(day(page, "Friday 15 May")).toContainText("Task 45");
    await expect(page.getByTestId("overview-sessions-loading")).toHaveCount(0);
    expect(errors).toEqual([]);
  });
});
