// The Overview's time to data in a real browser (Debian's Chromium through Playwright): from the start of
// the navigation until the period's totals and every one of its sessions are on screen.
import { chromium } from "@playwright/test";

const CHROMIUM = "/usr/bin/chromium";
const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"];

export type BrowserTiming = { path: string; runs: number[]; median: number; sessions: number };

/**
 * Signs in once, then loads `path` (an Overview URL) `runs` times after one unmeasured warm-up load, each
 * time in a fresh page (the React Query cache starts empty, as on a real navigation from another site).
 * "Data shown": the total is there, the summary's session count is known and the list holds that many rows.
 */
export async function overviewTimeToData(baseUrl: string, user: { email: string; password: string }, path: string, runs = 3): Promise<BrowserTiming> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    const context = await browser.newContext({ baseURL: baseUrl });
    const signIn = await context.newPage();
    await signIn.goto("/sign-in");
    await signIn.getByLabel("Email").fill(user.email);
    await signIn.getByLabel("Password").fill(user.password);
    await signIn.getByRole("button", { name: "Sign in" }).click();
    await signIn.getByRole("button", { name: "Sign out", exact: true }).waitFor({ timeout: 60_000 });
    await signIn.close();
    const times: number[] = [];
    let sessions = 0;
    for (let i = 0; i <= runs; i++) {
      const page = await context.newPage();
      const t0 = performance.now();
      await page.goto(path, { waitUntil: "commit", timeout: 120_000 });
      sessions = await page.waitForFunction(
        () => {
          const total = document.querySelector('[data-testid="overview-total"]');
          const count = Number(document.querySelector('[data-testid="overview-sessions"]')?.textContent?.replace(/\D/g, "") || NaN);
          const rows = document.querySelectorAll("section[data-date] li").length;
          return total && count > 0 && rows >= count ? count : false;
        },
        undefined,
        { polling: "raf", timeout: 120_000 },
      ).then((h) => h.jsonValue() as Promise<number>);
      if (i > 0) times.push(performance.now() - t0);
      await page.close();
    }
    const sorted = [...times].sort((a, b) => a - b);
    return { path, runs: times, median: sorted[Math.floor(sorted.length / 2)], sessions };
  } finally {
    await browser.close();
  }
}
