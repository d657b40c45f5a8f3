import { chromium } from "@playwright/test";
const base = process.argv[2];
const path = process.argv[3] ?? "/overview?period=month&date=2026-11-01";
(async () => {
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
  const context = await browser.newContext({ baseURL: base });
  const p0 = await context.newPage();
  await p0.goto("/sign-in");
  await p0.getByLabel("Email").fill("history@example.com");
  await p0.getByLabel("Password").fill("bench-history-password-1");
  await p0.getByRole("button", { name: "Sign in" }).click();
  await p0.getByRole("button", { name: "Sign out", exact: true }).waitFor({ timeout: 60_000 });
  await p0.close();
  const self = new Map<string, number>();
  for (let i = 0; i < 4; i++) {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Profiler.enable");
    await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
    await cdp.send("Profiler.start");
    const t0 = performance.now();
    await page.goto(path, { waitUntil: "commit" });
    await page.waitForFunction(() => {
      const count = Number(document.querySelector('[data-testid="overview-sessions"]')?.textContent?.replace(/\D/g, "") || NaN);
      return count > 0 && document.querySelectorAll("section[data-date] li").length >= count;
    }, undefined, { polling: "raf", timeout: 60_000 });
    const t = performance.now() - t0;
    const { profile } = await cdp.send("Profiler.stop");
    const nav = await page.evaluate(() => { const n = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming; return { ttfb: n.responseStart, dcl: n.domContentLoadedEventEnd, resEnd: n.responseEnd, now: performance.now() }; });
    console.log(`run ${i}: ${t.toFixed(0)} ms`, JSON.stringify(nav, (k, v) => typeof v === "number" ? Math.round(v) : v));
    if (i > 0) {
      const byId = new Map(profile.nodes.map((n) => [n.id, n]));
      const dt = profile.timeDeltas!;
      for (let s = 0; s < profile.samples!.length; s++) {
        const n = byId.get(profile.samples![s])!;
        const key = `${n.callFrame.functionName || "(anon)"} ${n.callFrame.url.split("/").pop()}:${n.callFrame.lineNumber}`;
        self.set(key, (self.get(key) ?? 0) + (dt[s] ?? 0) / 1000);
      }
    }
    await page.close();
  }
  const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 30);
  for (const [k, v] of top) console.log((v / 3).toFixed(1).padStart(7), k);
  await browser.close();
})();
