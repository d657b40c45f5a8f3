import type { APIResponse, Page } from "@playwright/test";
import { createUser, expect, signIn, test } from "./fixtures";

// Pages carry a Content-Security-Policy with a fresh nonce per response, which Stint's own scripts (and
// Swagger UI at /api/docs) pass; no page may be framed; no answer may be sniffed into another type;
// API answers are never cached.

/** Collects what the browser reports about Content Security Policy (violations are console errors). */
function cspReports(page: Page): string[] {
  const reports: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) reports.push(m.text());
  });
  page.on("pageerror", (e) => reports.push(`pageerror: ${e.message}`));
  return reports;
}

function nonceOf(csp: string): string {
  const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
  expect(nonce, csp).toBeTruthy();
  return nonce!;
}

function expectPageHeaders(res: APIResponse | { headers(): Record<string, string> }, label: string): string {
  const h = res.headers();
  const csp = h["content-security-policy"] ?? "";
  expect(csp, label).toContain("frame-ancestors 'none'");
  expect(csp, label).toContain("object-src 'none'");
  expect(csp, label).toMatch(/script-src [^;]*'nonce-/);
  expect(csp, label).not.toMatch(/script-src [^;]*'unsafe-inline'/);
  expect(h["x-content-type-options"], label).toBe("nosniff");
  expect(h["referrer-policy"], label).toMatch(/^(same-origin|strict-origin-when-cross-origin)$/);
  return nonceOf(csp);
}

test("pages send a CSP with a new nonce each time, frame-ancestors 'none', nosniff and a referrer policy; they run with no violation", async ({ page, user }) => {
  const reports = cspReports(page);
  const signInPage = await page.goto("/sign-in");
  const first = expectPageHeaders(signInPage!, "/sign-in");
  // The nonce is on the scripts Next rendered, and differs per response.
  expect(await signInPage!.text()).toContain(`nonce="${first}"`);
  const again = await page.request.get("/sign-in");
  expect(expectPageHeaders(again, "/sign-in again")).not.toBe(first);

  await signIn(page, user);
  // The Timer works (hydrated: its scripts ran): a session starts.
  const timer = await page.goto("/");
  expectPageHeaders(timer!, "/");
  await page.getByRole("textbox", { name: "What are you working on?" }).fill("Under a CSP");
  await page.getByRole("button", { name: "Start", exact: true }).click();
  await expect(page.getByRole("button", { name: "Stop", exact: true })).toBeVisible();
  await expect.poll(async () => (await (await page.request.get("/api/v1/timer/status")).json()).active).toBe(true);

  // Client-side navigation and full loads of the other areas, and a page that does not exist.
  await page.getByRole("link", { name: "Overview" }).click();
  await expect(page).toHaveURL(/\/overview/);
  for (const path of ["/overview", "/projects", "/clients", "/tags", "/settings", "/settings/tokens", "/settings/integrations", "/no-such-page"]) {
    const res = await page.goto(path);
    expectPageHeaders(res!, path);
    await expect(page.locator("body")).not.toBeEmpty();
  }
  await page.goto("/settings");
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  expect(reports).toEqual([]);
});

test("the policy is enforced: markup injected into a page cannot run script", async ({ page, user }) => {
  const reports = cspReports(page);
  await signIn(page, user);
  await page.evaluate(() => {
    document.body.insertAdjacentHTML("beforeend", `<img src="/missing-${Date.now()}.png" onerror="window.__injected = true">`);
  });
  await expect.poll(() => reports.some((r) => r.includes("Content Security Policy"))).toBe(true);
  expect(await page.evaluate(() => (window as { __injected?: boolean }).__injected)).toBeUndefined();
});

test("API answers are never cached or sniffed, errors and successes alike", async ({ page, user, request }) => {
  await signIn(page, user);
  for (const path of ["/api/v1/users/me", "/api/v1/projects", "/api/v1/health", "/api/v1/no-such-thing"]) {
    const res = await page.request.get(path);
    expect(res.headers()["content-type"], path).toContain("application/json");
    expect(res.headers()["cache-control"], path).toBe("no-store");
    expect(res.headers()["x-content-type-options"], path).toBe("nosniff");
  }
  const write = await page.request.post("/api/v1/projects", { data: { name: `Headers ${Date.now()}` } });
  expect(write.status()).toBe(201);
  expect(write.headers()["cache-control"]).toBe("no-store");
  const anonymous = await request.get("/api/v1/users/me");
  expect(anonymous.status()).toBe(401);
  expect(anonymous.headers()["cache-control"]).toBe("no-store");
});

test("/api/docs runs Swagger UI under its own nonce-based CSP, with no violation", async ({ page }) => {
  const reports = cspReports(page);
  const res = await page.goto("/api/docs");
  const nonce = expectPageHeaders(res!, "/api/docs");
  expect(await res!.text()).toContain(`<script nonce="${nonce}">`);
  await expect(page.getByRole("heading", { name: /Stint API/ })).toBeVisible();
  await page.locator(".opblock-summary").first().click();
  await expect(page.locator(".opblock-body").first()).toBeVisible();
  const second = await page.request.get("/api/docs");
  expect(nonceOf(second.headers()["content-security-policy"])).not.toBe(nonce);
  expect(reports).toEqual([]);
});

test("a signed-out deep link still goes to sign-in, with the headers", async ({ page }) => {
  const user = await createUser("deep");
  const res = await page.goto("/overview?period=month");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Foverview%3Fperiod%3Dmonth$/);
  expectPageHeaders(res!, "sign-in after redirect");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/overview\?period=month$/);
});
