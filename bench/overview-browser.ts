// The Overview's time to data in a real browser (Debian's Chromium through Playwright): from the start of
// the navigation until the period's totals and its first sessions are on screen, and until every one of
// its sessions is.
import { chromium } from "@playwright/test";
import { FIRST_ROWS } from "@/components/overview/day-rows";

const CHROMIUM = "/usr/bin/chromium";
const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"];

type Runs = { runs: number[]; median: number };
/** `first`: the totals and the first screenful of sessions; `all`: every session of the period in the list. */
export type BrowserTiming = { path: string; first: Runs; all: Runs; sessions: number };

/**
 * Records both moments in the page (performance.now(): from the navigation's start), checked on every frame
 * from the document's start. Text, not a function: tsx (esbuild's keepNames) would wrap a function's inner
 * functions in a helper the page does not have.
 */
const marksScript = (firstRows: number) => `
  const marks = (window.__overviewMarks = {});
  const check = () => {
    const total = document.querySelector('[data-testid="overview-total"]');
    const count = Number(document.querySelector('[data-testid="overview-sessions"]')?.textContent?.replace(/\\D/g, "") || NaN);
    const rows = document.querySelectorAll("section[data-date] li").length;
    if (total && count > 0) {
      if (marks.first === undefined && rows >= Math.min(count, ${firstRows})) marks.first = performance.now();
      if (rows >= count) {
        marks.all = performance.now();
        marks.count = count;
        return;
      }
    }
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
`;

const runsOf = (times: number[]): Runs => ({ runs: times, median: [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)] });

/**
 * Signs in once, then loads `path` (an Overview URL) `runs` times after one unmeasured warm-up load, each
 * time in a fresh page (the React Query cache starts empty, as on a real navigation from another site).
 * Checked on every animation frame: "first", the total is there, the summary's session count is known and
 * the list holds the period's first min(count, FIRST_ROWS) sessions (more than a tall screen shows below the
 * charts); "all", the list holds that many rows.
 */
export async function overviewTimeToData(baseUrl: string, user: { email: string; password: string }, path: string, runs = Number(process.env.BENCH_BROWSER_RUNS || 3)): Promise<BrowserTiming> {
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
    const first: number[] = [];
    const all: number[] = [];
    let sessions = 0;
    for (let i = 0; i <= runs; i++) {
      const page = await context.newPage();
      // Both moments are taken in the page (performance.now() from the navigation's start), on the frame they happen.
      await page.addInitScript({ content: marksScript(FIRST_ROWS) });
      await page.goto(path, { waitUntil: "commit", timeout: 120_000 });
      const marks = await page
        .waitForFunction(() => {
          const m = (window as unknown as { __overviewMarks?: { first?: number; all?: number; count?: number } }).__overviewMarks;
          return m?.all !== undefined ? m : false;
        }, undefined, { timeout: 120_000 })
        .then((h) => h.jsonValue() as Promise<{ first: number; all: number; count: number }>);
      // performance.now() in the page counts from the navigation's start (its time origin).
      if (i > 0) {
        first.push(marks.first);
        all.push(marks.all);
      }
      sessions = marks.count;
      await page.close();
    }
    return { path, first: runsOf(first), all: runsOf(all), sessions };
  } finally {
    await browser.close();
  }
}
