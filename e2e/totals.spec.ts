import type { Page } from "@playwright/test";
import { formatTotal } from "@/lib/time/format";
import { expect, signIn, test } from "./fixtures";

// One day rule everywhere: the Timer page's totals are the Overview's, on the same data, in the user's zone
// (Europe/Berlin here, across both DST changes of 2026), with a running timer, and to the second.

async function post(page: Page, path: string, data: object) {
  const res = await page.request.post(`/api/v1/${path}`, { data });
  expect(res.status(), await res.text()).toBe(201);
  return res.json();
}

/** A session in the user's zone (wall-clock times without an offset are read in it). */
const session = (page: Page, notes: string, start: string, end: string) => post(page, "time-entries", { notes, start_time: start, end_time: end });

async function berlin(page: Page) {
  // max_entry_minutes: the longest session a user may save (7 days), for the "(+6)" session below.
  const res = await page.request.patch("/api/v1/users/me", { data: { timezone: "Europe/Berlin", week_start: 1, max_entry_minutes: 7 * 24 * 60 } });
  expect(res.ok(), await res.text()).toBe(true);
}

const seconds = (clock: string) => clock.split(":").map(Number).reduce((s, n) => s * 60 + n, 0);
const timerDayTotal = (page: Page, date: string) => page.locator(`[data-testid="day-group"][data-date="${date}"] [data-testid="day-total"]`);
const bars = (page: Page) => page.getByRole("list", { name: "Time per day" }).getByRole("link");

/** The Timer page's week (opened by its link) against the Overview's: every day's total and the week's. */
async function compareWeek(page: Page, date: string, expected: { days: Record<string, string>; week: string }) {
  await page.goto(`/?week=${date}`);
  const week = page.locator(`[data-testid="week-total"]`).filter({ hasText: "Week of" });
  await expect(week).toContainText(expected.week);
  const timer: Record<string, number> = {};
  for (const [day, clock] of Object.entries(expected.days)) {
    await expect(timerDayTotal(page, day)).toHaveText(clock);
    timer[day] = seconds(clock);
  }
  await page.goto(`/overview?period=week&date=${date}`);
  await expect(page.getByTestId("overview-total")).toHaveText(formatTotal(seconds(expected.week)));
  await expect(bars(page)).toHaveCount(7);
  for (const bar of await bars(page).all()) {
    const day = (await bar.locator("xpath=..").getAttribute("data-date"))!;
    const name = `: ${formatTotal(timer[day] ?? 0)}`;
    await expect(bar, `${day} on both pages`).toHaveAccessibleName(new RegExp(`${name.replace(/[()]/g, "\\$&")}(,|$)`));
  }
  // Days with sessions list them under the day they start, with the same total to the second.
  for (const [day, clock] of Object.entries(expected.days)) {
    const heading = page.locator(`section[data-date="${day}"] [data-testid="overview-day-total"]`);
    if (await heading.count()) await expect(heading).toHaveText(clock);
  }
}

test.describe("one day rule: the Timer page and the Overview agree", () => {
  test.beforeEach(async ({ page, user }) => {
    await signIn(page, user);
    await berlin(page);
  });

  test("a session across midnight, the autumn DST day (25 h) and seconds", async ({ page }) => {
    // Week of Mon 19 Oct 2026; Sunday 25 Oct has 25 hours in Berlin.
    await session(page, "Late deploy", "2026-10-19T22:00", "2026-10-20T01:30"); // Mon 2h + Tue 1h30
    await session(page, "Review", "2026-10-20T09:00", "2026-10-20T10:30"); // Tue 1h30
    await session(page, "Quick call", "2026-10-22T10:00:00", "2026-10-22T10:00:22"); // Thu 22 s
    await session(page, "Note", "2026-10-22T10:05:00", "2026-10-22T10:05:04"); // Thu 4 s
    await session(page, "Night shift", "2026-10-24T22:00", "2026-10-25T04:00"); // Sat 2h + Sun 5h (the hour 02:00-03:00 twice)
    await compareWeek(page, "2026-10-21", {
      days: { "2026-10-19": "2:00:00", "2026-10-20": "3:00:00", "2026-10-22": "0:00:26", "2026-10-24": "2:00:00", "2026-10-25": "5:00:00" },
      week: "12:00:26",
    });
    await expect(page.getByTestId("overview-total")).toHaveText("12h 00m");
    await expect(bars(page).nth(3)).toHaveAccessibleName("Thursday 22 October: 26s");

    // On the Timer page, sessions stay under the day they start, at full length; the next day shows the part it holds.
    await page.goto("/?week=2026-10-21");
    const monday = page.locator('[data-testid="day-group"][data-date="2026-10-19"]');
    await expect(monday.getByTestId("entry-row")).toContainText("22:00 – 01:30 (+1)");
    await expect(monday.getByTestId("entry-row")).toContainText("3:30:00");
    const tuesday = page.locator('[data-testid="day-group"][data-date="2026-10-20"]');
    await expect(tuesday.getByTestId("carried-row")).toHaveText(/“Late deploy”\s+continued from Mon, 19 Oct 22:00 until 01:30/);
    await expect(tuesday.getByTestId("entry-row")).toHaveCount(1);
    const sunday = page.locator('[data-testid="day-group"][data-date="2026-10-25"]');
    await expect(sunday.getByTestId("carried-row")).toContainText("“Night shift”");
    await expect(page.locator('[data-testid="day-group"][data-date="2026-10-24"]').getByTestId("entry-row")).toContainText("7:00:00");
    // Precision: the day's total is the sum of its rows.
    const thursday = page.locator('[data-testid="day-group"][data-date="2026-10-22"]');
    await expect(thursday.getByTestId("entry-row")).toHaveText([/0:00:04/, /0:00:22/]);
    await expect(thursday.getByTestId("day-total")).toHaveText("0:00:26");
  });

  test("the spring DST day (23 h): a night session counts 4 h on each side", async ({ page }) => {
    await session(page, "Spring night", "2026-03-28T20:00", "2026-03-29T05:00");
    await session(page, "Sunday work", "2026-03-29T10:00", "2026-03-29T11:15");
    await compareWeek(page, "2026-03-25", { days: { "2026-03-28": "4:00:00", "2026-03-29": "5:15:00" }, week: "9:15:00" });
  });

  test("the running timer counts in Today and This week, ticking, on both pages", async ({ page }) => {
    await post(page, "timer/start", { notes: "Live work" });
    await page.goto("/");
    const today = page.getByRole("region", { name: "Today" });
    await expect(today.getByTestId("carried-row")).toContainText("“Live work” running since");
    // One snapshot of the page: the timer's clock, today's total and the week's are the same count.
    const snapshot = () =>
      page.evaluate(() => {
        const text = (sel: string) => document.querySelector(sel)?.textContent ?? "";
        return [text('[data-testid="timer-clock"]'), text('[data-testid="day-total"]'), text('[data-testid="week-total"] strong')];
      });
    await expect.poll(async () => seconds((await snapshot())[0])).toBeGreaterThanOrEqual(2);
    const [clock, day, week] = await snapshot();
    expect([day, week], `timer ${clock}`).toEqual([clock, clock]);
    await expect.poll(async () => seconds((await snapshot())[1])).toBeGreaterThan(seconds(clock));
    const later = await snapshot();
    expect(new Set(later).size, later.join(" / ")).toBe(1);

    // The Overview ticks too: its day heading, the running row and the period's total (seconds under a minute).
    await page.goto("/overview");
    const row = page.getByRole("listitem").filter({ hasText: "Live work" });
    await expect(row).toContainText("Running");
    const overviewSnapshot = () =>
      page.evaluate(() => {
        const text = (sel: string) => document.querySelector(sel)?.textContent ?? "";
        return [text('[data-testid="overview-day-total"]'), text('[data-testid="overview-total"]'), text('[data-running] [data-testid="session-duration"]')];
      });
    const [first] = await overviewSnapshot();
    await expect.poll(async () => seconds((await overviewSnapshot())[0])).toBeGreaterThan(seconds(first));
    const [dayTotal, total, running] = await overviewSnapshot();
    expect([total, running]).toEqual([formatTotal(seconds(dayTotal)), dayTotal]);
  });
});

test.describe("findable sessions", () => {
  test.beforeEach(async ({ page, user }) => {
    await signIn(page, user);
    await berlin(page);
  });

  test("a session added into a week not shown offers that week; an end days later reads (+N)", async ({ page }) => {
    await session(page, "Offsite", "2026-10-12T20:00", "2026-10-18T10:00");
    await page.goto("/");
    await page.getByRole("button", { name: "+ Add a past session" }).click();
    const dialog = page.getByRole("dialog", { name: "Add a past session" });
    await dialog.getByLabel("Name").fill("Forgotten Tuesday");
    await dialog.getByLabel("Start date").fill("2026-10-13");
    await dialog.getByLabel("Start time").fill("09:00");
    await dialog.getByLabel("End date").fill("2026-10-13");
    await dialog.getByLabel("End time").fill("10:00");
    await dialog.getByRole("button", { name: "Add session" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText("“Forgotten Tuesday” is in the week of 2026-10-12, which is not shown.")).toBeVisible();
    await page.getByRole("button", { name: "Show that week" }).click();

    const tuesday = page.locator('[data-testid="day-group"][data-date="2026-10-13"]');
    await expect(tuesday.getByRole("textbox", { name: "Session name (09:00–10:00, “Forgotten Tuesday”)" })).toHaveValue("Forgotten Tuesday");
    await expect(page.locator('[data-testid="week-total"]').filter({ hasText: "Week of" }).locator("xpath=..")).toBeFocused();
    const offsite = page.locator('[data-testid="day-group"][data-date="2026-10-12"]').getByTestId("entry-row");
    await expect(offsite).toContainText("20:00 – 10:00 (+6)");
    await expect(offsite.getByTitle("Ends 6 days later, on 2026-10-18")).toBeVisible();
    await expect(offsite.getByRole("textbox", { name: "Session name (20:00–10:00, “Offsite”)" })).toBeVisible();
    // Its days' totals follow the day rule: Monday 4h, Tuesday to Saturday 24h each (plus the hour), Sunday 10h.
    await expect(timerDayTotal(page, "2026-10-12")).toHaveText("4:00:00");
    await expect(timerDayTotal(page, "2026-10-13")).toHaveText("25:00:00");
    await expect(timerDayTotal(page, "2026-10-18")).toHaveText("10:00:00");
  });
});

test.describe("the Overview's sessions in place", () => {
  test("edit and continue a session from the Overview", async ({ page, user }) => {
    await signIn(page, user);
    await berlin(page);
    await session(page, "Draft chapter", "2026-10-20T09:00", "2026-10-20T10:00");
    await page.goto("/overview?period=week&date=2026-10-20");
    const row = page.getByRole("listitem").filter({ hasText: "Draft chapter" });
    await row.getByRole("button", { name: "Edit “Draft chapter”" }).click();
    const dialog = page.getByRole("dialog", { name: "Edit session" });
    await dialog.getByLabel("Name").fill("Draft chapter two");
    await dialog.getByLabel("End time").fill("11:30");
    await dialog.getByRole("button", { name: "Save" }).click();
    await expect(dialog).toBeHidden();
    const edited = page.getByRole("listitem").filter({ hasText: "Draft chapter two" });
    await expect(edited).toContainText("2:30:00");
    await expect(page.getByTestId("overview-total")).toHaveText("2h 30m");

    await edited.getByRole("button", { name: "Continue “Draft chapter two”" }).click();
    await expect.poll(async () => (await (await page.request.get("/api/v1/timer/status")).json()).timer?.notes).toBe("Draft chapter two");
    await page.getByRole("button", { name: "Today" }).click();
    await expect(page.getByRole("listitem").filter({ hasText: "Draft chapter two" })).toContainText("Running");
  });
});
