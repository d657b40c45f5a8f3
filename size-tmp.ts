import { chromium } from "@playwright/test";
(async () => {
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
  const context = await browser.newContext({ baseURL: process.argv[2] });
  const p0 = await context.newPage();
  await p0.goto("/sign-in");
  await p0.getByLabel("Email").fill("history@example.com");
  await p0.getByLabel("Password").fill("bench-history-password-1");
  await p0.getByRole("button", { name: "Sign in" }).click();
  await p0.getByRole("button", { name: "Sign out", exact: true }).waitFor({ timeout: 60_000 });
  for (const u of ["/overview?period=month&date=2026-11-01", "/api/v1/reports/period?period=month&date=2026-11-01"]) {
    const t = performance.now();
    const r = await context.request.get(u);
    const body = await r.body();
    console.log(u, r.status(), body.length, "bytes", (performance.now() - t).toFixed(0), "ms");
  }
  await browser.close();
})();
