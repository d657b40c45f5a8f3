import AxeBuilder from "@axe-core/playwright";
import type { APIRequestContext, BrowserContext, Page } from "@playwright/test";
import { signedIn } from "./api/api-fixtures";
import { createUser, expect, signIn, test } from "./fixtures";
import { join, myWorkspaces, switchWorkspace } from "./support/team";

// axe-core over every page of the app and its main states, in the light and the dark theme (the
// system's colour scheme, which the app follows by default), plus the heading outline and the console.
// Per theme, two accounts are made and filled through the API (not the UI) once; each test then opens a
// few pages in a browser context of that theme, signed in with the account's cookies.

const WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
// Best-practice rules on top of WCAG's: the heading outline and the landmarks a screen reader jumps between.
const ALSO = ["heading-order", "page-has-heading-one", "landmark-one-main", "landmark-unique", "region"];
const THEMES = [
  { name: "light", bg: "#f7f7f8" },
  { name: "dark", bg: "#111114" },
] as const;

type Session = { page: Page; problems: string[] };

/** Records the page's console errors and uncaught exceptions, to be asserted at each check. */
function watch(page: Page): Session {
  const problems: string[] = [];
  page.on("console", (msg) => {
    // Chromium asks for /favicon.ico by itself on a site without an icon: not the page's error.
    if (msg.type() === "error" && !msg.location().url.endsWith("/favicon.ico")) problems.push(`console error on ${page.url()}: ${msg.text()} (${msg.location().url})`);
  });
  page.on("pageerror", (error) => problems.push(`page error on ${page.url()}: ${error.message}`));
  return { page, problems };
}

/** h1..h6 (and role=heading) as a screen reader meets them: in document order, hidden ones left out. */
async function headingOutline(page: Page): Promise<{ level: number; text: string }[]> {
  return page.locator("h1, h2, h3, h4, h5, h6, [role=heading]").evaluateAll((els) =>
    els
      .filter((el) => el.checkVisibility({ visibilityProperty: true }) && !el.closest("[aria-hidden=true], [inert]"))
      .map((el) => ({
        level: Number(el.getAttribute("aria-level") ?? el.tagName.slice(1)),
        text: (el.textContent ?? "").trim().slice(0, 60),
      })),
  );
}

/** One h1, first; no heading more than one level below the one before it. */
function outlineProblems(outline: { level: number; text: string }[]): string[] {
  const found: string[] = [];
  const h1s = outline.filter((h) => h.level === 1);
  if (h1s.length !== 1) found.push(`${h1s.length} h1 headings (${h1s.map((h) => h.text).join(" | ")})`);
  if (outline.length && outline[0].level !== 1) found.push(`the first heading is h${outline[0].level} "${outline[0].text}"`);
  for (let i = 1; i < outline.length; i++) {
    if (outline[i].level > outline[i - 1].level + 1) {
      found.push(`h${outline[i - 1].level} "${outline[i - 1].text}" is followed by h${outline[i].level} "${outline[i].text}"`);
    }
  }
  return found;
}

/** axe (WCAG 2.1 A and AA), the heading outline and the console of the page as it is now. */
async function audit(s: Session, state: string, theme: { name: string; bg: string }) {
  const { page } = s;
  await expect(page.locator(".skeleton"), `${state}: still loading`).toHaveCount(0);
  const bg = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue("--bg").trim());
  expect(bg, `${state}: the ${theme.name} theme is applied`).toBe(theme.bg);

  // Only violations are needed: leaving out the details of passes makes axe markedly faster.
  // (options() replaces every option, withTags() included: it comes first.)
  const rules = Object.fromEntries(ALSO.map((id) => [id, { enabled: true }]));
  const result = await new AxeBuilder({ page }).options({ resultTypes: ["violations"], rules }).withTags(WCAG).analyze();
  const violations = result.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(" ")}: ${n.failureSummary?.replace(/\s+/g, " ").slice(0, 300)}`).join("\n")}`,
  );
  expect.soft(violations, `${state} (${theme.name}): axe violations`).toEqual([]);
  expect.soft(outlineProblems(await headingOutline(page)), `${state} (${theme.name}): heading levels`).toEqual([]);
  expect.soft(s.problems.splice(0), `${state} (${theme.name}): console`).toEqual([]);
}

async function visit(s: Session, path: string, ready: (page: Page) => Promise<void>) {
  await s.page.goto(path);
  await ready(s.page);
}

const heading = (page: Page, name: string | RegExp) => expect(page.getByRole("heading", { level: 1, name })).toBeAttached();

/** A client, two projects (one with a task), tags, past sessions, a running timer and a token, all a little before now. */
async function seed(request: APIRequestContext): Promise<{ projectId: number; day: string }> {
  const post = async <T>(path: string, data: object): Promise<T> => {
    const res = await request.post(`/api/v1/${path}`, { data });
    expect(res.status(), `${path}: ${await res.text()}`).toBe(201);
    return res.json() as Promise<T>;
  };
  const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
  const { client } = await post<{ client: { id: number } }>("clients", { name: "Acme" });
  const { project } = await post<{ project: { id: number } }>("projects", {
    name: "Website",
    client_id: client.id,
    billable: true,
    color: "#2563eb",
    hourly_rate: 80,
    estimated_hours: 20,
  });
  await post("projects", { name: "Research", color: "#d97706" });
  await post("tasks", { project_id: project.id, name: "Design" });
  await post("time-entries", { notes: "Homepage layout", project_id: project.id, tags: ["design"], start_time: ago(180), end_time: ago(120) });
  await post("time-entries", { notes: "", start_time: ago(60), end_time: ago(40) });
  await post("time-entries", { notes: "Last week's review", start_time: ago(8 * 24 * 60), end_time: ago(8 * 24 * 60 - 45) });
  await post("time-entries", { notes: "Writing the report", project_id: project.id, start_time: ago(10) }); // no end: a running timer
  await post("tokens", { name: "Laptop", scopes: ["read:time_entries"] });
  // The day of "Homepage layout" (the user is in UTC): the overview shows data there, even just after midnight.
  return { projectId: project.id, day: ago(180).slice(0, 10) };
}

type Account = { cookies: Awaited<ReturnType<BrowserContext["cookies"]>>; projectId: number; day: string };

/** A new user, filled by `fill`, and the cookies of a session of theirs. */
async function account(label: string, fill?: typeof seed): Promise<Account> {
  const request = await signedIn(await createUser(label));
  const { projectId, day } = fill ? await fill(request) : { projectId: 0, day: "" };
  const { cookies } = await request.storageState();
  await request.dispose();
  return { cookies, projectId, day };
}

for (const theme of THEMES) {
  test.describe(`accessibility, ${theme.name} theme`, () => {
    test.use({ colorScheme: theme.name, viewport: { width: 1280, height: 800 } });
    let empty: Account;
    let full: Account;
    test.beforeAll(async () => {
      [empty, full] = await Promise.all([account("a11y-empty"), account("a11y", seed)]);
    });
    /** The page, watched, signed in as `who` (or signed out). */
    const start = async (page: Page, who?: Account) => {
      if (who) await page.context().addCookies(who.cookies);
      return watch(page);
    };

    test("signed out: sign-in, register and forgot password", async ({ page }) => {
      const s = await start(page);
      await visit(s, "/sign-in", (p) => heading(p, "Sign in"));
      await audit(s, "sign-in", theme);
      await visit(s, "/register", (p) => heading(p, "Create your account"));
      await audit(s, "register", theme);
      await visit(s, "/forgot-password", (p) => heading(p, "Forgot your password?"));
      await audit(s, "forgot password", theme);
    });

    test("a new account: the empty timer and projects", async ({ page }) => {
      const s = await start(page, empty);
      await visit(s, "/", (p) => expect(p.getByText("No sessions this week yet")).toBeVisible());
      await audit(s, "timer, empty", theme);
      await visit(s, "/projects", (p) => heading(p, "Projects"));
      await audit(s, "projects, empty", theme);
    });

    test("a new account: the empty overview by day, week and month", async ({ page }) => {
      const s = await start(page, empty);
      for (const period of ["day", "week", "month"]) {
        await visit(s, `/overview?period=${period}`, (p) => heading(p, /^Overview/));
        await audit(s, `overview ${period}, empty`, theme);
      }
    });

    test("the running timer with sessions, the project picker, a toast with Undo", async ({ page }) => {
      const s = await start(page, full);
      await visit(s, "/", (p) => expect(p.getByRole("button", { name: "Stop", exact: true })).toBeVisible());
      await expect(page.getByTestId("entry-row").first()).toBeVisible();
      await audit(s, "timer, running with sessions", theme);

      await page.getByRole("button", { name: /^Project:/ }).first().click();
      await expect(page.getByRole("listbox", { name: "Choose project" })).toBeVisible();
      await audit(s, "timer, project picker open", theme);
      await page.keyboard.press("Escape");

      // Undone at once: the other tests still see the session.
      const deletes = page.getByRole("button", { name: /^Delete “/ });
      const before = await deletes.count();
      await deletes.first().click();
      const toast = page.getByRole("status").filter({ hasText: "Deleted “" });
      await expect(toast).toBeVisible();
      await audit(s, "timer, a toast with Undo", theme);
      await toast.getByRole("button", { name: "Undo" }).click();
      await expect(deletes).toHaveCount(before);
    });

    const dialogs: [RegExp, string][] = [
      [/Add a past session/, "Add a past session"],
      [/^Edit “/, "Edit session"], // a past session's (this week's: the timer page shows no more at first)
      [/^Stop at a past time/, "Stop the timer at a past time"],
      [/Change the start time/, "Edit running session"],
    ];
    for (const [button, title] of dialogs) {
      test(`the timer's dialog "${title}"`, async ({ page }) => {
        const s = await start(page, full);
        await visit(s, "/", (p) => expect(p.getByRole("button", { name: "Stop", exact: true })).toBeVisible());
        await page.getByRole("button", { name: button }).first().click();
        const dialog = page.getByRole("dialog", { name: title });
        await expect(dialog).toBeVisible();
        await audit(s, `timer, dialog "${title}"`, theme);
      });
    }

    for (const period of ["day", "week", "month"]) {
      test(`the overview by ${period}, with data`, async ({ page }) => {
        const s = await start(page, full);
        await visit(s, `/overview?period=${period}&date=${full.day}`, (p) => expect(p.getByTestId("overview-total")).not.toHaveText("0m"));
        await audit(s, `overview ${period}`, theme);
      });
    }

    test("projects and a project", async ({ page }) => {
      const s = await start(page, full);
      await visit(s, "/projects", (p) => expect(p.getByRole("link", { name: /Website/ }).first()).toBeVisible());
      await audit(s, "projects", theme);
      await visit(s, `/projects/${full.projectId}`, (p) => heading(p, /Website/));
      await audit(s, "a project", theme);
    });

    test("reports with a rounding override, an entry edited in place, and settings → workspace", async ({ page }) => {
      const s = await start(page, full);
      const day = (offset: number) => new Date(Date.parse(full.day) + offset * 86_400_000).toISOString().slice(0, 10);
      const report = `range=custom&start_date=${day(-9)}&end_date=${day(1)}&rounding=up&rounding_minutes=15&rounding_scope=entry&group_by=project,tag`;
      await visit(s, `/reports?${report}`, async (p) => {
        await expect(p.getByTestId("report-table")).toBeVisible();
        await expect(p.getByTestId("report-charts").locator("svg.recharts-surface").first()).toBeVisible();
        await expect(p.getByTestId("report-entry").first()).toBeVisible();
      });
      await audit(s, "reports", theme);
      await page.getByRole("button", { name: "Edit “Homepage layout”" }).click();
      await expect(page.getByRole("textbox", { name: "Description", exact: true })).toBeFocused();
      // With its list of tags open too (checkboxes in the row).
      await page.getByRole("button", { name: /^Tags of “Homepage layout”/ }).click();
      await expect(page.getByRole("group", { name: "Tags of “Homepage layout”" }).getByRole("checkbox").first()).toBeFocused();
      await audit(s, "reports, an entry edited in place", theme);
      await page.keyboard.press("Escape"); // closes the list
      await page.keyboard.press("Escape"); // cancels the edit
      await visit(s, "/settings/workspace", (p) => expect(p.getByLabel("Rounding", { exact: true })).toBeVisible());
      await audit(s, "settings → workspace", theme);
    });

    test("clients and tags", async ({ page }) => {
      const s = await start(page, full);
      await visit(s, "/clients", (p) => expect(p.getByText("Acme").first()).toBeVisible());
      await audit(s, "clients", theme);
      await visit(s, "/tags", (p) => expect(p.getByText("design").first()).toBeVisible());
      await audit(s, "tags", theme);
    });

    test("settings, tokens and integrations", async ({ page }) => {
      const s = await start(page, full);
      await visit(s, "/settings", (p) => heading(p, "Settings"));
      await audit(s, "settings", theme);
      await visit(s, "/settings/tokens", (p) => expect(p.getByText("Laptop")).toBeVisible());
      await audit(s, "settings → tokens", theme);
      await visit(s, "/settings/integrations", (p) => heading(p, "Integrations"));
      await audit(s, "settings → integrations", theme);
    });

    test("review (empty) and settings → suggestions with a mapping rule", async ({ page }) => {
      const s = await start(page, full);
      await visit(s, "/review", (p) => expect(p.getByText("Nothing to review.")).toBeVisible());
      await audit(s, "review, empty", theme);
      await visit(s, "/settings/suggestions", (p) => expect(p.getByRole("button", { name: "Save rules" })).toBeVisible());
      await page.getByRole("button", { name: "Add a mapping rule" }).click();
      await expect(page.getByLabel("Rule 1: text")).toBeVisible();
      await audit(s, "settings → suggestions", theme);
    });

    test("settings → webhooks: empty, the secret dialog, an endpoint with a delivery opened, deactivated, at 375 px", async ({ page }) => {
      // An account of its own: the endpoint is added through the page (the UI under test), not seeded.
      const s = await start(page, await account("a11y-webhooks"));
      await visit(s, "/settings/webhooks", (p) => expect(p.getByText("No webhooks yet")).toBeVisible());
      await audit(s, "settings → webhooks, empty", theme);

      await page.getByLabel("Payload URL").fill("not a url");
      await page.getByRole("button", { name: "Add webhook" }).click();
      await expect(page.getByLabel("Payload URL")).toHaveAttribute("aria-invalid", "true");
      await audit(s, "settings → webhooks, a field error", theme);

      await page.getByLabel("Payload URL").fill("https://hooks.example.com/a11y");
      await page.getByLabel("Description (optional)").fill("Invoicing");
      await page.getByRole("button", { name: "Add webhook" }).click();
      const dialog = page.getByRole("dialog", { name: "Webhook added" });
      await expect(dialog.getByTestId("webhook-secret")).toBeVisible();
      await audit(s, "settings → webhooks, the secret dialog", theme);
      await dialog.getByRole("button", { name: "Done" }).click();

      const card = page.getByTestId("webhook-item");
      await card.getByRole("button", { name: "Send test event" }).click();
      await card.getByTestId("delivery-row").getByRole("button", { name: "Details" }).click();
      await expect(card.getByRole("button", { name: "Redeliver" })).toBeVisible();
      await audit(s, "settings → webhooks, an endpoint with a delivery opened", theme);

      await card.getByRole("button", { name: "Deactivate" }).click();
      await expect(card.getByTestId("webhook-deactivated")).toBeVisible();
      await audit(s, "settings → webhooks, deactivated", theme);

      await page.setViewportSize({ width: 375, height: 740 });
      await expect(card.getByRole("button", { name: "Redeliver" })).toBeVisible();
      await audit(s, "375 px: settings → webhooks, deactivated, a delivery opened", theme);
    });

    test("settings → webhooks as a member: the refusal", async ({ page }) => {
      const [owner, user] = await Promise.all([createUser("a11y-hook-owner"), createUser("a11y-hook-member")]);
      const [ownerRequest, request] = await Promise.all([signedIn(owner), signedIn(user)]);
      const [workspace] = await myWorkspaces(ownerRequest);
      await join(ownerRequest, workspace.id, { request, email: user.email }, "member");
      await Promise.all([ownerRequest.dispose(), request.dispose()]);
      const s = await start(page);
      await signIn(page, user);
      await switchWorkspace(page, workspace.name);
      await visit(s, "/settings/webhooks", (p) => expect(p.getByTestId("webhooks-refusal")).toBeVisible());
      await audit(s, "settings → webhooks, a member's refusal", theme);
    });

    test("at phone width (375 px): the running timer, Add a past session, the overview's week", async ({ page }) => {
      await page.setViewportSize({ width: 375, height: 740 });
      const s = await start(page, full);
      await visit(s, "/", (p) => expect(p.getByRole("button", { name: "Stop", exact: true })).toBeVisible());
      await audit(s, "375 px: timer, running with sessions", theme);
      await page.getByRole("button", { name: /Add a past session/ }).click();
      await expect(page.getByRole("dialog", { name: "Add a past session" })).toBeVisible();
      await audit(s, "375 px: dialog Add a past session", theme);
      await visit(s, `/overview?period=week&date=${full.day}`, (p) => expect(p.getByTestId("overview-total")).not.toHaveText("0m"));
      await audit(s, "375 px: overview week", theme);
    });

    test("pages that do not exist", async ({ page }) => {
      const s = await start(page, full);
      for (const path of ["/no-such-page", "/projects/999999999"]) {
        const res = await page.goto(path);
        expect(res?.status()).toBe(404);
        await expect(page.getByRole("heading", { level: 1 })).toBeAttached();
        // The browser logs the 404 answer of the document itself: that is this page's point.
        s.problems.splice(0, s.problems.length, ...s.problems.filter((p) => !p.includes(`status of 404 (Not Found) (${res?.url()})`)));
        await audit(s, `404 ${path}`, theme);
      }
    });
  });
}

test("the clock's accessible name contains the time it shows, stopped and running", async ({ page, user }) => {
  await signIn(page, user);
  const clock = page.getByTestId("timer-clock");
  const nameAndText = () => clock.evaluate((el) => ({ name: el.getAttribute("aria-label") ?? el.textContent, text: el.textContent }));
  await expect(clock).toHaveText("0:00:00");
  let now = await nameAndText();
  expect(now.name).toContain(now.text);
  await page.keyboard.press("s");
  await expect(clock).toHaveAccessibleName(/Change the start time/);
  await expect(clock).not.toHaveText("0:00:00");
  now = await nameAndText();
  expect(now.name).toContain(now.text);
});

test("the dark theme picked in Settings is the same as the system's dark", async ({ browser }) => {
  const read = async (colorScheme: "light" | "dark", theme?: "dark") => {
    const context = await browser.newContext({ colorScheme });
    if (theme) await context.addInitScript((t) => localStorage.setItem("stint-preferences", JSON.stringify({ state: { theme: t }, version: 0 })), theme);
    const page = await context.newPage();
    await page.goto("/sign-in");
    const values = await page.evaluate(() => {
      const style = getComputedStyle(document.documentElement);
      return ["--bg", "--surface", "--surface-2", "--text", "--muted", "--border", "--accent", "--accent-text", "--danger", "--danger-bg", "--success", "--focus"].map(
        (name) => `${name}: ${style.getPropertyValue(name).trim()}`,
      );
    });
    await context.close();
    return values;
  };
  const system = await read("dark");
  expect(system).toContain("--bg: #111114");
  expect(await read("light", "dark")).toEqual(system);
});
