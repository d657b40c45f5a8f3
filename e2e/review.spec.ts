import { DateTime } from "luxon";
import type { Page } from "@playwright/test";
import type { FakeRescueTime } from "./fakes/rescuetime";
import { expect, hydrated, signIn, test } from "./fixtures";
import { expectNoAxeViolations } from "./support/a11y-audit";
import { budget } from "./support/budget";
import { e2e } from "./support/config";
import { startE2eFakeAlp } from "./support/fake-alp";
import { startE2eFakeRescueTime } from "./support/fake-rescuetime";
import { importWorkdays } from "./support/suggestions";

// The review inbox as a person uses it: suggestions from the fake RescueTime (the fixture's workday: code
// 09:00–09:50, github.com 10:10–10:30, docs 14:00–14:40, in the user's zone), walked with the keyboard,
// a day accepted at once, the count in the navigation following, the entries on the Timer page, an ignored
// suggestion restored; and "Always do this" giving the next import's suggestion its project.

let rt: FakeRescueTime;
test.beforeAll(async () => {
  test.setTimeout(budget.withServer); // may wait while another spec holds the fake's port
  rt = await startE2eFakeRescueTime();
});
test.afterAll(async () => {
  await rt?.close();
});

const CODE = "code: lib/suggestions/rules.ts";
const GITHUB = "github.com: stint/pull/14";
const DOCS = "docs.google.com: Invoice notes";

async function localDays(page: Page) {
  const me = await (await page.request.get("/api/v1/users/me")).json();
  const today = DateTime.now().setZone(me.user.timezone);
  return { yesterday: today.minus({ days: 1 }).toISODate()!, before: today.minus({ days: 2 }).toISODate()! };
}

const card = (page: Page, notes: string) => page.getByTestId("suggestion").filter({ has: page.getByRole("heading", { name: notes, exact: true }) });
const selectedCard = (page: Page) => page.locator('[data-testid="suggestion"][aria-current="true"]');
const navCount = (page: Page) => page.getByRole("navigation", { name: "Main" }).getByTestId("review-count");

async function openReview(page: Page) {
  await page.goto("/review");
  await expect(page.getByRole("heading", { name: "Review", level: 1 })).toBeVisible();
  await hydrated(page, "#review-title");
}

test("keyboard review: J/K, A, I, E (Escape leaves the edit), accept a whole day; the count drops, entries reach the Timer, an ignored one comes back", async ({ page, user }) => {
  await signIn(page, user);
  const { before, yesterday } = await localDays(page);
  await importWorkdays(page.request, rt, [before, yesterday]);

  await openReview(page);
  await expect(navCount(page)).toHaveText("6");
  const days = page.getByTestId("review-day");
  await expect(days).toHaveCount(2);
  await expect(days.nth(1).getByRole("heading", { level: 2 })).toHaveText("Yesterday");
  await expect(page.getByTestId("suggestion")).toHaveCount(6);
  // The activity behind a suggestion: name, category, productivity, minutes.
  await expect(card(page, GITHUB).first().getByRole("row").nth(1)).toHaveText(["github.com", "General Software Development", "Very productive", "16"].join(""));
  await expect(card(page, CODE).first().getByTestId("suggestion-span")).toHaveText("09:00–09:50");
  await expectNoAxeViolations(page, "review with suggestions");

  // J/K move the selection and focus with it.
  await page.keyboard.press("j");
  await expect(selectedCard(page)).toHaveCount(1);
  await expect(selectedCard(page)).toContainText(CODE);
  await expect(selectedCard(page)).toBeFocused();
  await page.keyboard.press("j");
  await expect(selectedCard(page)).toContainText(GITHUB);
  await page.keyboard.press("k");
  await expect(selectedCard(page)).toContainText(CODE);
  await expect(selectedCard(page)).toBeFocused();

  // A accepts the selected one; the next takes its place, focused; the count drops.
  await page.keyboard.press("a");
  await expect(navCount(page)).toHaveText("5");
  await expect(page.getByTestId("suggestion")).toHaveCount(5);
  await expect(selectedCard(page)).toContainText(GITHUB);
  await expect(selectedCard(page)).toBeFocused();

  // I ignores it.
  await page.keyboard.press("i");
  await expect(navCount(page)).toHaveText("4");
  await expect(selectedCard(page)).toContainText(DOCS);

  // E edits in place; keys typed into a field are text, not shortcuts; Escape leaves the edit unchanged.
  await page.keyboard.press("e");
  const name = selectedCard(page).getByLabel("Name");
  await expect(name).toBeFocused();
  await name.fill("");
  await page.keyboard.type("Invoice review aij");
  await expect(name).toHaveValue("Invoice review aij");
  await expectNoAxeViolations(page, "review, editing a suggestion");
  await expect(navCount(page)).toHaveText("4");
  await page.keyboard.press("Escape");
  await expect(selectedCard(page).getByLabel("Name")).toHaveCount(0);
  await expect(selectedCard(page)).toBeFocused();
  await expect(selectedCard(page).getByRole("heading", { name: DOCS })).toBeVisible();
  // Edit again, change the name and the end, accept with Enter.
  await page.keyboard.press("e");
  await selectedCard(page).getByLabel("Name").fill("Invoice review");
  await selectedCard(page).getByLabel("End time").fill("14:45");
  await selectedCard(page).getByLabel("Name").press("Enter");
  await expect(navCount(page)).toHaveText("3");
  await expect(days).toHaveCount(1);

  // Accept all of yesterday: the inbox empties and the badge goes.
  await days.first().getByRole("button", { name: /^Accept all \(3\)/ }).click();
  await expect(page.getByText("Nothing to review.")).toBeVisible();
  await expect(navCount(page)).toHaveCount(0);

  // The accepted suggestions are sessions on the Timer page.
  await page.goto(`/?week=${before}`);
  await expect(page.getByRole("button", { name: "Edit “Invoice review”" })).toHaveCount(1);
  await expect(page.getByRole("button", { name: `Edit “${CODE}”` })).toHaveCount(2);
  await expect(page.getByRole("button", { name: `Edit “${GITHUB}”` })).toHaveCount(1); // yesterday's; the ignored one is not an entry
  await expect(page.getByRole("textbox", { name: /^Session name \(14:00–14:45/ })).toHaveValue("Invoice review");

  // The ignored suggestion, restored from the Ignored filter, waits again.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /^Review/ }).click();
  await hydrated(page, "#review-title");
  await page.getByRole("group", { name: "Show suggestions" }).getByRole("button", { name: "Ignored" }).click();
  await expect(page.getByTestId("suggestion")).toHaveCount(1);
  await card(page, GITHUB).getByRole("button", { name: "Restore" }).click();
  await expect(page.getByText("No ignored suggestions.")).toBeVisible();
  await expect(navCount(page)).toHaveText("1");
  await page.getByRole("group", { name: "Show suggestions" }).getByRole("button", { name: "Pending" }).click();
  await expect(card(page, GITHUB)).toHaveCount(1);
});

test("“Always do this” after accepting with a project: the next import's suggestion of that activity comes with the project", async ({ page, user }) => {
  await signIn(page, user);
  const { before, yesterday } = await localDays(page);
  const source = await importWorkdays(page.request, rt, [before]);
  const projectName = `Pull requests ${Date.now()}`;
  const created = await page.request.post("/api/v1/projects", { data: { name: projectName } });
  expect(created.status()).toBe(201);

  await openReview(page);
  await card(page, GITHUB).getByRole("button", { name: "Edit" }).click();
  const editing = card(page, GITHUB);
  await editing.getByRole("button", { name: "Project: none" }).click();
  await page.getByRole("option", { name: projectName }).click();
  await editing.getByRole("button", { name: "Accept" }).click();

  const offer = page.getByTestId("always-offer");
  await expect(offer).toContainText(`Accepted “${GITHUB}” on ${projectName}.`);
  await offer.getByRole("button", { name: "Always do this" }).click();
  await expect(offer).toContainText(`Rule saved: new imports of this activity go to ${projectName}.`);

  await source.importDay(yesterday); // in the background (the API): the person opens Review again
  await openReview(page);
  const yesterdays = page.getByTestId("review-day").filter({ has: page.getByRole("heading", { name: "Yesterday" }) });
  await expect(yesterdays.getByTestId("suggestion")).toHaveCount(3, { timeout: budget.background });
  await expect(card(page, GITHUB).filter({ hasText: "Project" }).last()).toContainText(projectName);
  await expect(card(page, CODE).last()).toContainText("ProjectNone");

  // The rule is listed in Settings → Suggestions.
  await page.goto("/settings/suggestions");
  const rule = page.getByTestId("mapping-rule");
  await expect(rule).toHaveCount(1);
  await expect(rule.getByLabel("Rule 1: text")).toHaveValue("github.com");
  await expect(rule.getByRole("button", { name: `Rule 1 project: ${projectName}` })).toBeVisible();
});

test("Settings → Suggestions: the shared schema refuses a bad number before sending; saved rules come back", async ({ page, user }) => {
  await signIn(page, user);
  await page.goto("/settings/suggestions");
  await expect(page.getByRole("heading", { name: "Suggestions", level: 1 })).toBeVisible();
  await hydrated(page, 'form[aria-label="Suggestion rules"]');
  await page.getByLabel("Merge gaps up to (minutes)").fill("500");
  await page.getByRole("button", { name: "Save rules" }).click();
  await expect(page.getByText("gap_minutes: at most 120.")).toBeVisible();
  await page.getByLabel("Merge gaps up to (minutes)").fill("10");
  await page.getByLabel("Round to (minutes)").fill("15");
  await page.getByLabel("Minimum productivity").selectOption("0");
  await page.getByLabel("Categories never suggested").fill("Social Networking\nNews");
  await page.getByRole("button", { name: "Add a mapping rule" }).click();
  await page.getByLabel("Rule 1: match").selectOption("category");
  await page.getByLabel("Rule 1: text").fill("Editing & IDEs");
  await page.getByRole("button", { name: "Save rules" }).click();
  await expect(page.getByText("Rules saved.")).toBeVisible();
  const saved = (await (await page.request.get("/api/v1/suggestions/rules")).json()).rules;
  expect(saved).toMatchObject({ gap_minutes: 10, round_minutes: 15, min_productivity: 0, denied_categories: ["Social Networking", "News"], mappings: [{ field: "category", pattern: "Editing & IDEs", project_id: null }] });
  await page.reload();
  await expect(page.getByLabel("Round to (minutes)")).toHaveValue("15");
  await expect(page.getByLabel("Rule 1: text")).toHaveValue("Editing & IDEs");
  await page.getByRole("button", { name: "Delete rule 1" }).click();
  await page.getByRole("button", { name: "Save rules" }).click();
  await expect(page.getByText("Rules saved.")).toBeVisible();
  expect((await (await page.request.get("/api/v1/suggestions/rules")).json()).rules.mappings).toEqual([]);
});

test("an ALP connection set to “Only entries from accepted suggestions” receives the accepted suggestion's entry, not a hand-made one", async ({ page, user }) => {
  const alp = await startE2eFakeAlp(e2e.port + 56); // the port e2e/alp.spec.ts uses: waits while that spec holds it
  try {
    const me = alp.state.addUser({ email: user.email, name: "Pat Solicitor" });
    const matterName = `Smith v Jones ${Date.now()}`;
    alp.state.addMatter({ name: matterName, number: "1001/26" });
    await signIn(page, user);
    const connected = await page.request.post("/api/v1/integrations/providers/alp/connect", { data: { api_key: alp.state.issueKey(me.id), settings: { url: alp.url } } });
    expect(connected.status(), await connected.text()).toBe(201);
    const alpId = (await connected.json()).integration.id as number;
    const integration = async () => ((await (await page.request.get("/api/v1/integrations")).json()).integrations as { id: number; projects_imported_at: string | null; routing: { rule: string } }[]).find((i) => i.id === alpId)!;
    await expect.poll(async () => (await integration()).projects_imported_at, { timeout: budget.background }).not.toBeNull();

    // The rule, chosen on the connection's card.
    await page.goto("/settings/integrations");
    const alpCard = page.getByTestId("connection").filter({ has: page.getByRole("heading", { name: /^ALP at / }) });
    await hydrated(page, '[data-testid="connection"] select');
    await expect(alpCard.getByLabel("Entries sent")).toHaveValue("imported_projects");
    await alpCard.getByLabel("Entries sent").selectOption("accepted_suggestions");
    await expect.poll(async () => (await integration()).routing.rule).toBe("accepted_suggestions");

    const { before } = await localDays(page);
    await importWorkdays(page.request, rt, [before]);
    const projects = (await (await page.request.get(`/api/v1/projects?query=${encodeURIComponent(matterName)}`)).json()).projects as { id: number; name: string }[];
    const matterProject = projects.find((p) => p.name === `1001/26 ${matterName}`)!;
    // By hand, on the same matter, before the accept: never sent.
    const byHand = await page.request.post("/api/v1/time-entries", { data: { project_id: matterProject.id, notes: "Typed by hand", start_time: `${before}T16:00`, end_time: `${before}T16:30` } });
    expect(byHand.status(), await byHand.text()).toBe(201);

    await openReview(page);
    await card(page, GITHUB).getByRole("button", { name: "Edit" }).click();
    await card(page, GITHUB).getByRole("button", { name: "Project: none" }).click();
    await page.getByRole("option", { name: matterProject.name }).click();
    await card(page, GITHUB).getByRole("button", { name: "Accept" }).click();
    await expect(page.getByTestId("always-offer")).toContainText(`Accepted “${GITHUB}” on ${matterProject.name}.`);

    await expect.poll(() => alp.entries().map((e) => e.description), { timeout: budget.background }).toEqual([GITHUB]);
    expect(alp.entries()[0]).toMatchObject({ minutes: 20, user_id: me.id });
  } finally {
    await alp.close();
  }
});
