import type { Locator, Page } from "@playwright/test";
import { expect, signIn, test } from "./fixtures";

// Look and reach: the header on a phone, dialogs that fit, the 404 page and icons, a project's
// figures, and the time zone picker.

const NAV: { label: string; path: string; heading: string | RegExp }[] = [
  { label: "Timer", path: "/", heading: "Timer" },
  { label: "Overview", path: "/overview", heading: /^Overview/ },
  { label: "Reports", path: "/reports", heading: "Reports" },
  { label: "Projects", path: "/projects", heading: "Projects" },
  { label: "Clients", path: "/clients", heading: "Clients" },
  { label: "Tags", path: "/tags", heading: "Tags" },
  { label: "Settings", path: "/settings", heading: "Settings" },
];

const PHONE = { width: 375, height: 740 };

/** The page does not scroll sideways (nothing sticks out to the right, hidden or not). */
async function fitsWidth(page: Page) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.scrollingElement!.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth, `${page.url()} scrolls sideways`).toBeLessThanOrEqual(innerWidth);
}

/** Every field and button of a dialog lies inside it, inside its padding, and the dialog inside the screen. */
async function fitsScreen(page: Page, dialog: Locator) {
  const box = (await dialog.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
  const overflow = await dialog.evaluate((d) => d.scrollWidth - d.clientWidth);
  expect(overflow, "the dialog's content is wider than the dialog").toBeLessThanOrEqual(0);
  const controls = dialog.locator("input:visible, select:visible, button:visible, textarea:visible");
  const count = await controls.count();
  expect(count).toBeGreaterThan(3);
  for (let i = 0; i < count; i++) {
    const c = (await controls.nth(i).boundingBox())!;
    const what = await controls.nth(i).evaluate((el) => el.outerHTML.slice(0, 80));
    expect(c.x, what).toBeGreaterThanOrEqual(box.x + 8);
    expect(c.x + c.width, what).toBeLessThanOrEqual(box.x + box.width - 8);
  }
}

test.describe("look and reach", () => {
  test("at 375 px every page is reachable from the header's menu, and no page scrolls sideways", async ({ page, user }) => {
    await page.setViewportSize(PHONE);
    await signIn(page, user);
    const header = page.locator("header");
    const nav = page.getByRole("navigation", { name: "Main" });
    const menu = nav.getByRole("button", { name: "Menu" });
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(nav.getByRole("link", { name: "Clients" })).toBeHidden();
    // Sign out stays in the header, on the screen.
    const signOut = header.getByRole("button", { name: "Sign out", exact: true });
    await expect(signOut).toBeInViewport({ ratio: 1 });

    for (const item of NAV) {
      await menu.click();
      await expect(menu).toHaveAttribute("aria-expanded", "true");
      const controlled = await menu.getAttribute("aria-controls");
      await expect(page.locator(`[id="${controlled}"]`)).toBeVisible();
      const link = nav.getByRole("link", { name: item.label, exact: true });
      await expect(link).toBeInViewport({ ratio: 1 });
      await link.click();
      await expect(page).toHaveURL((url) => url.pathname === item.path);
      await expect(page.getByRole("heading", { name: item.heading, level: 1 })).toBeAttached();
      // Following a link closes the menu; the link of this page is marked current.
      await expect(menu).toHaveAttribute("aria-expanded", "false");
      await expect(link).toBeHidden();
      await expect(nav.locator('a[aria-current="page"]')).toHaveText(item.label);
      await fitsWidth(page);
    }

    // Escape closes the menu and gives focus back to its button; so does a click elsewhere (without focus).
    await menu.click();
    await nav.getByRole("link", { name: "Tags" }).focus();
    await page.keyboard.press("Escape");
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(menu).toBeFocused();
    await menu.press("Enter");
    await expect(nav.getByRole("link", { name: "Tags" })).toBeVisible();
    await page.mouse.click(200, 600);
    await expect(menu).toHaveAttribute("aria-expanded", "false");

    // Sign out works from the phone's header.
    await signOut.click();
    await expect(page).toHaveURL(/\/sign-in/);
  });

  test("at 1280 px the links sit in the header and there is no menu button", async ({ page, user }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await signIn(page, user);
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("button", { name: "Menu" })).toBeHidden();
    for (const item of NAV) await expect(nav.getByRole("link", { name: item.label, exact: true })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Timer", exact: true })).toHaveAttribute("aria-current", "page");
    await fitsWidth(page);
    // Nine links and the user's side: where they do not fit one row, the user's side wraps under the links
    // instead of lying over them (it did over Settings, and a click on Settings hit the workspace switcher).
    for (const width of [1280, 1024, 880]) {
      await page.setViewportSize({ width, height: 800 });
      const userSide = (await page.locator(".app-user").boundingBox())!;
      for (const item of NAV) {
        const link = (await nav.getByRole("link", { name: item.label, exact: true }).boundingBox())!;
        const apart = link.x + link.width <= userSide.x || userSide.x + userSide.width <= link.x || link.y + link.height <= userSide.y || userSide.y + userSide.height <= link.y;
        expect(apart, `at ${width} px the ${item.label} link lies under the user's side`).toBe(true);
      }
      await fitsWidth(page);
    }
    await nav.getByRole("link", { name: "Settings", exact: true }).click();
    await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
  });

  test("the Add and Edit session dialogs fit a 375 px screen with their padding", async ({ page, user }) => {
    await page.setViewportSize(PHONE);
    await signIn(page, user);
    const start = new Date(Date.now() - 5 * 3600_000);
    const created = await page.request.post("/api/v1/time-entries", {
      data: { notes: "A session with a long name that goes on", start_time: start.toISOString(), end_time: new Date(start.getTime() + 3600_000).toISOString() },
    });
    expect(created.status()).toBe(201);
    await page.reload();

    await page.getByRole("button", { name: /Add a past session/ }).click();
    const add = page.getByRole("dialog", { name: "Add a past session" });
    await expect(add).toBeVisible();
    await fitsScreen(page, add);
    await fitsWidth(page);
    await page.keyboard.press("Escape");
    await expect(add).toBeHidden();

    await page.getByRole("button", { name: "Edit “A session with a long name that goes on”" }).click();
    const edit = page.getByRole("dialog", { name: "Edit session" });
    await expect(edit).toBeVisible();
    await fitsScreen(page, edit);
    await fitsWidth(page);
  });

  test("a page that does not exist is a 404 inside the app, with the navigation and a way back", async ({ page, user }) => {
    await signIn(page, user);
    const response = await page.goto("/no-such-page/at-all");
    expect(response!.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found", level: 1 })).toBeVisible();
    await expect(page).toHaveTitle("Page not found · Stint");
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link", { name: "Projects", exact: true })).toBeVisible();
    await expect(page.getByTestId("signed-in-as")).toHaveText(user.name);
    await page.getByRole("link", { name: "Go to the timer" }).click();
    await expect(page).toHaveURL((url) => url.pathname === "/");
    await expect(page.getByRole("heading", { name: "Timer", level: 1 })).toBeAttached();

    // At 375 px too: the menu reaches the rest of the app from the 404 page.
    await page.setViewportSize(PHONE);
    expect((await page.goto("/projectz"))!.status()).toBe(404);
    await fitsWidth(page);
    await nav.getByRole("button", { name: "Menu" }).click();
    await nav.getByRole("link", { name: "Projects", exact: true }).click();
    await expect(page.getByRole("heading", { name: "Projects", level: 1 })).toBeVisible();
  });

  test("the app has a favicon, an Apple touch icon and a web manifest", async ({ page, user }) => {
    await signIn(page, user);
    const icon = page.locator('head link[rel="icon"]');
    await expect(icon.first()).toHaveAttribute("href", /\/icon\.svg/);
    const apple = page.locator('head link[rel="apple-touch-icon"]');
    await expect(apple.first()).toHaveAttribute("href", /\/apple-icon/);
    await expect(page.locator('head link[rel="manifest"]')).toHaveAttribute("href", "/manifest.webmanifest");

    const svg = await page.request.get((await icon.first().getAttribute("href"))!);
    expect(svg.status()).toBe(200);
    expect(svg.headers()["content-type"]).toContain("image/svg+xml");
    expect(await svg.text()).toContain("<svg");
    const png = await page.request.get((await apple.first().getAttribute("href"))!);
    expect(png.status()).toBe(200);
    expect(png.headers()["content-type"]).toBe("image/png");
    expect((await png.body()).subarray(1, 4).toString()).toBe("PNG");
    const manifest = await (await page.request.get("/manifest.webmanifest")).json();
    expect(manifest).toMatchObject({ name: "Stint", start_url: "/", display: "standalone" });
    expect(manifest.icons.map((i: { type: string }) => i.type).sort()).toEqual(["image/png", "image/svg+xml"]);
  });
});

test.describe("project figures", () => {
  // The CLI's users are in UTC, with EUR as their currency.
  const H = 3600_000;
  const monthStart = () => {
    const now = new Date();
    return Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
  };
  /** Seconds of [start, end) inside this calendar month (UTC): the one day rule, computed by hand. */
  const inMonth = (start: number, end: number) => Math.max(0, Math.min(end, Date.now()) - Math.max(start, monthStart())) / 1000;
  const hm = (seconds: number) => {
    const m = Math.floor(seconds / 60);
    return Math.floor(m / 60) > 0 ? `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, "0")}m` : `${m}m`;
  };

  test("a project's page and the project list show tracked time, this month, the billable amount and progress against the estimate", async ({ page, user }) => {
    await page.setViewportSize(PHONE);
    await signIn(page, user);
    const post = async (path: string, data: object) => {
      const res = await page.request.post(`/api/v1${path}`, { data });
      expect(res.status(), await res.text()).toBe(201);
      return res.json();
    };
    const web = (await post("/projects", { name: "Website", hourly_rate: 80.33, estimated_hours: 10 })).project;
    const ops = (await post("/projects", { name: "Ops", estimated_hours: 5 })).project;
    const now = Date.now();
    const sessions = [
      { project_id: web.id, billable: true, start: Date.UTC(2025, 2, 10, 9), end: Date.UTC(2025, 2, 10, 12) }, // 3 h, last year
      { project_id: web.id, billable: false, start: now - 95 * 60_000, end: now - 5 * 60_000 }, // 1.5 h, just now
      { project_id: web.id, billable: true, start: now - 74 * H, end: now - 72 * H }, // 2 h, three days ago
      { project_id: ops.id, billable: true, start: now - 30 * H, end: now - 24 * H }, // 6 h: over its 5 h
    ];
    for (const s of sessions) {
      await post("/time-entries", { notes: "work", project_id: s.project_id, billable: s.billable, start_time: new Date(s.start).toISOString(), end_time: new Date(s.end).toISOString() });
    }
    const webMonth = sessions.filter((s) => s.project_id === web.id).reduce((sum, s) => sum + inMonth(s.start, s.end), 0);

    // The API's project: 6.5 h, 5 h billable, 80.33 × 5 = 401.65 EUR.
    const api = (await (await page.request.get(`/api/v1/projects/${web.id}`)).json()).project;
    expect(api).toMatchObject({ tracked_seconds: 6.5 * 3600, billable_seconds: 5 * 3600, billable_amount: 401.65, currency: "EUR" });
    expect(api.tracked_seconds_this_month).toBe(Math.round(webMonth));

    await page.goto(`/projects/${web.id}`);
    const figures = page.getByTestId("project-figures");
    await expect(figures.getByRole("definition").nth(0)).toHaveText("6h 30m");
    await expect(figures.getByRole("definition").nth(1)).toHaveText(hm(webMonth));
    await expect(figures.getByRole("definition").nth(2)).toHaveText("5h 00m");
    await expect(figures.getByRole("definition").nth(3)).toHaveText("€401.65");
    await expect(figures.getByTestId("estimate-progress")).toHaveText("6h 30m of 10 h · 65% · 3h 30m left");
    await expect(page.getByText(/Amount = hourly rate × billable hours/)).toBeVisible();
    await fitsWidth(page);

    await page.goto(`/projects/${ops.id}`);
    const over = page.getByTestId("project-figures").getByTestId("estimate-progress");
    await expect(over).toHaveText("6h 00m of 5 h · 120% · 1h 00m over");
    await expect(over).toHaveAttribute("data-over", "true");
    await expect(page.getByTestId("project-figures")).toContainText("No hourly rate");

    await page.goto("/projects");
    const row = (name: string) => page.getByTestId("project-row").filter({ has: page.getByRole("link", { name, exact: true }) });
    await expect(row("Website").getByTestId("project-row-figures")).toContainText("6h 30m");
    await expect(row("Website").getByTestId("project-row-figures")).toContainText(`${hm(webMonth)} this month`);
    await expect(row("Website").getByTestId("project-row-figures")).toContainText("€401.65");
    await expect(row("Website").getByTestId("project-row-figures")).toContainText("65% of 10 h");
    await expect(row("Ops").getByTestId("project-row-figures")).toContainText("120% of 5 h");
    await fitsWidth(page);

    // The list's figures come with the list: one request for all projects, none per project.
    const perProject: string[] = [];
    page.on("request", (r) => {
      if (/\/api\/v1\/projects\/\d+/.test(r.url())) perProject.push(r.url());
    });
    await page.reload();
    await expect(row("Ops").getByTestId("project-row-figures")).toContainText("6h 00m");
    expect(perProject).toEqual([]);
  });
});

test.describe("time zone picker", () => {
  // A browser whose ICU still calls India's zone Asia/Calcutta.
  test.use({ timezoneId: "Asia/Calcutta", locale: "en-US" });

  test("suggests the browser's zone first by its current name, and finds zones by search", async ({ page, user }) => {
    await signIn(page, user);
    await page.goto("/settings");
    const zone = page.getByLabel("Time zone", { exact: true });
    const search = page.getByRole("searchbox", { name: "Search zones" });
    await expect(search).toBeEnabled();
    // The browser's zone heads the list, by its IANA name; the old name is not offered at all.
    await expect(zone.locator("optgroup").first()).toHaveAttribute("label", "Suggested");
    await expect(zone.locator("optgroup").first().locator("option").first()).toHaveAttribute("value", "Asia/Kolkata");
    await expect(zone.locator("optgroup").first().locator("option").first()).toHaveText("Kolkata (UTC+05:30) · this browser");
    await expect(zone.locator('option[value="Asia/Calcutta"]')).toHaveCount(0);
    await expect(zone.locator('option[value="Europe/Kiev"]')).toHaveCount(0);
    await expect(zone.locator('option[value="Europe/Kyiv"]')).toHaveCount(1);
    await expect(page.getByRole("button", { name: "Use this browser's zone (Asia/Kolkata)" })).toBeVisible();

    // Search narrows the list: by city, by a former name, by offset.
    await search.fill("tokyo");
    await expect(page.getByRole("status").filter({ hasText: "1 zone matches" })).toContainText("Enter picks Tokyo (UTC+09:00)");
    await expect(zone.locator('optgroup:not([label="Suggested"]) option')).toHaveText(["Tokyo (UTC+09:00)"]);
    await search.fill("Calcutta");
    await expect(page.getByRole("status").filter({ hasText: "zone" })).toContainText("Enter picks Kolkata (UTC+05:30)");
    await search.fill("nowhere-at-all");
    await expect(page.getByRole("status").filter({ hasText: "No zone matches" })).toBeVisible();
    // Enter picks the first match and hands focus to the select (it does not submit the form).
    await search.fill("kyiv");
    await search.press("Enter");
    await expect(zone).toHaveValue("Europe/Kyiv");
    await expect(zone).toBeFocused();
    await expect(search).toHaveValue("");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Settings saved." })).toBeVisible();
    const me = await (await page.request.get("/api/v1/users/me")).json();
    expect(me.user.timezone).toBe("Europe/Kyiv");

    // One click takes the browser's zone, saved by its current name.
    await page.getByRole("button", { name: "Use this browser's zone (Asia/Kolkata)" }).click();
    await expect(zone).toHaveValue("Asia/Kolkata");
    await page.getByRole("button", { name: "Save" }).click();
    await expect.poll(async () => (await (await page.request.get("/api/v1/users/me")).json()).user.timezone).toBe("Asia/Kolkata");
  });
});
