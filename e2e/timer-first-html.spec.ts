import type { Page } from "@playwright/test";
import { expect, hydrated, signIn, test } from "./fixtures";

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

/** Two saved sessions a few minutes ago (today, this week) and a running timer. */
async function someWork(page: Page) {
  for (const [notes, from, to] of [["Invoice review", 5, 4] as const, ["Client call", 3, 2] as const]) {
    const res = await page.request.post("/api/v1/time-entries", { data: { notes, start_time: minutesAgo(from), end_time: minutesAgo(to) } });
    expect(res.status(), await res.text()).toBe(201);
  }
  const started = await page.request.post("/api/v1/timer/start", { data: { notes: "Draft the roadmap" } });
  expect(started.ok(), await started.text()).toBe(true);
}

test.describe("the Timer page's first HTML", () => {
  test("holds the running timer and today's sessions before any script runs", async ({ browser, page, user }) => {
    await signIn(page, user);
    await someWork(page);

    // The HTML as a fetch with the session cookie gets it: the fields are rendered with their values
    // (not only present in the data React reads later).
    const html = await (await page.request.get("/")).text();
    expect(html).toMatch(/<input[^>]*value="Draft the roadmap"/);
    expect(html).toMatch(/<input[^>]*value="Invoice review"/);
    expect(html).toMatch(/<input[^>]*value="Client call"/);

    // A browser that runs no script at all shows them, under today, with the week's total.
    const noScripts = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState() });
    const bare = await noScripts.newPage();
    await bare.goto("/");
    await expect(bare.getByRole("textbox", { name: "What are you working on?" })).toHaveValue("Draft the roadmap");
    await expect(bare.getByRole("button", { name: /elapsed\. Change the start time$/ })).toBeVisible();
    const today = bare.getByRole("region", { name: "Today" });
    await expect(today.getByTestId("entry-row")).toHaveCount(2);
    await expect(today.getByRole("textbox", { name: /“Invoice review”/ })).toHaveValue("Invoice review");
    await expect(today.getByRole("textbox", { name: /“Client call”/ })).toHaveValue("Client call");
    await expect(today.getByTestId("carried-row")).toContainText("Draft the roadmap");
    await expect(bare.getByTestId("week-total")).toContainText("This week");
    await expect(bare.getByText("These sessions could not be loaded")).toHaveCount(0);
    await noScripts.close();
  });

  test("with scripts, the sessions are there from the first paint and the page asks no list of them on load", async ({ page, user }) => {
    await signIn(page, user);
    await someWork(page);
    // Measured, not judged (figures go to the report): when the first session row enters the page,
    // against the navigation's start.
    await page.addInitScript(() => {
      const w = window as unknown as { rowsAt?: number };
      new MutationObserver((_, observer) => {
        if (w.rowsAt === undefined && document.querySelector("[data-testid=entry-row]")) {
          w.rowsAt = performance.now();
          observer.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    });
    const listRequests: string[] = [];
    page.on("request", (r) => {
      if (/\/api\/v1\/(time-entries|reports\/overview)\?/.test(r.url())) listRequests.push(r.url());
    });
    const figures: { rows: number; response: number; fcp: number }[] = [];
    for (let i = 0; i < 5; i++) {
      await page.goto("/");
      await expect(page.getByTestId("entry-row")).toHaveCount(2);
      await expect(page.getByRole("button", { name: "Stop", exact: true })).toBeEnabled(); // hydrated
      figures.push(
        await page.evaluate(() => {
          const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
          const fcp = performance.getEntriesByName("first-contentful-paint")[0];
          return { rows: Math.round((window as unknown as { rowsAt: number }).rowsAt), response: Math.round(nav.responseEnd), fcp: Math.round(fcp?.startTime ?? -1) };
        }),
      );
    }
    // The sessions came with the page: nothing asked for this week's list or totals while it loaded.
    expect(listRequests).toEqual([]);
    const median = (k: keyof (typeof figures)[number]) => figures.map((f) => f[k]).sort((a, b) => a - b)[2];
    console.log(`Timer page, ms after navigation (median of 5): HTML received ${median("response")}, session rows in the page ${median("rows")}, first paint ${median("fcp")}`);
  });

  test("the sessions list, whose code comes after the timer's, keeps its server HTML until it takes over (no flash)", async ({ page, user }) => {
    await signIn(page, user);
    await someWork(page);
    // The chunks the first HTML names are the page's own; any other one (the list's) is held until the
    // timer has hydrated and its clock has ticked: the page re-renders meanwhile, which must not reach
    // the list's server HTML.
    const html = await (await page.request.get("/")).text();
    const firstLoad = new Set([...html.matchAll(/\/_next\/static\/chunks\/[^"]+\.js/g)].map((m) => m[0]));
    let release!: () => void;
    const timerReady = new Promise<void>((resolve) => (release = resolve));
    const held: string[] = [];
    await page.route("**/_next/static/chunks/*.js", async (route) => {
      if (!firstLoad.has(new URL(route.request().url()).pathname)) {
        held.push(route.request().url());
        await timerReady;
      }
      await route.continue();
    });
    await page.addInitScript(() => {
      document.addEventListener("DOMContentLoaded", () => {
        (window as unknown as { firstRow?: Element | null }).firstRow = document.querySelector("[data-testid=entry-row]");
      });
    });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));

    // Not until "load": the held chunk keeps the page from finishing its load.
    await page.goto("/", { waitUntil: "domcontentloaded" });
    await expect(page.getByRole("button", { name: "Stop", exact: true })).toBeEnabled(); // the timer is hydrated
    const clock = page.getByTestId("timer-clock");
    const shown = await clock.textContent();
    await expect(clock).not.toHaveText(shown!); // it ticked: the page has re-rendered
    await expect(page.getByRole("button", { name: "Continue “Invoice review”" })).toBeDisabled(); // the list is not yet
    expect(held.length).toBeGreaterThan(0);
    release();
    await expect(page.getByRole("button", { name: "Continue “Invoice review”" })).toBeEnabled();
    await hydrated(page, "[data-testid=entry-row]");
    // The rows the server sent are the ones React took over (not replaced after an empty moment).
    expect(await page.evaluate(() => (window as unknown as { firstRow: Element }).firstRow?.isConnected)).toBe(true);
    await expect(page.getByTestId("entry-row")).toHaveCount(2);
    expect(errors).toEqual([]);
  });
});
