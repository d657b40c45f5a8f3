import type { Page } from "@playwright/test";
import { signedIn } from "./api/api-fixtures";
import { createUser, expect, signIn, test } from "./fixtures";
import { expectNoAxeViolations } from "./support/a11y-audit";
import { join, myWorkspaces, switchWorkspace } from "./support/team";

// Last month (UTC, the user's zone), seeded through the API:
//   Acme (client rate 80):  Website (project rate 100, billable), Support (no rate: the client's 80)
//   Other:                  Internal (not billable)
//   day 10  09:00–11:00  Website  billable  #design          "Homepage layout"
//   day 10  13:00–13:30  Website  billable  #design #urgent  "Hotfix"
//   day 11  10:00–11:15  Website  not billable               "Planning"
//   day 12  08:00–09:00  Support  billable  #urgent          "Ticket 42"
//   day 12  14:00–16:00  Internal not billable               "Team meeting"
// and the month before: day 15 Website 1h (outside the range).
// By hand, last month, client Acme, by project then tag (an entry with two tags is in both tag groups; the
// project's row counts it once):
//   Website  3:45:00, billable 2:30:00, 250.00 (2.5 h × 100)
//     design   2:30:00, billable 2:30:00, 250.00       urgent  0:30:00, billable 0:30:00, 50.00
//   Support  1:00:00, billable 1:00:00, 80.00 (the client's rate)
//     urgent   1:00:00, billable 1:00:00, 80.00
//   Total    4:45:00, billable 3:30:00, 330.00
// Without the client filter Internal adds 2:00:00 (not billable): total 6:45:00.

function months() {
  const now = new Date();
  const ym = (offset: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1)).toISOString().slice(0, 7);
  return { last: ym(-1), before: ym(-2) };
}

async function seed(page: Page) {
  const post = async <T>(path: string, data: object): Promise<T> => {
    const res = await page.request.post(`/api/v1/${path}`, { data });
    expect(res.status(), await res.text()).toBe(201);
    return res.json() as Promise<T>;
  };
  const { client: acme } = await post<{ client: { id: number } }>("clients", { name: "Acme", hourly_rate: 80 });
  const { client: other } = await post<{ client: { id: number } }>("clients", { name: "Other" });
  const { project: website } = await post<{ project: { id: number } }>("projects", { name: "Website", client_id: acme.id, billable: true, hourly_rate: 100, color: "#2563eb" });
  const { project: support } = await post<{ project: { id: number } }>("projects", { name: "Support", client_id: acme.id, billable: true, color: "#d97706" });
  const { project: internal } = await post<{ project: { id: number } }>("projects", { name: "Internal", client_id: other.id, billable: false });
  const { last, before } = months();
  const entry = (day: string, from: string, to: string, more: object) => post("time-entries", { start_time: `${day}T${from}:00Z`, end_time: `${day}T${to}:00Z`, ...more });
  await entry(`${last}-10`, "09:00", "11:00", { project_id: website.id, billable: true, tags: ["design"], notes: "Homepage layout" });
  await entry(`${last}-10`, "13:00", "13:30", { project_id: website.id, billable: true, tags: ["design", "urgent"], notes: "Hotfix" });
  await entry(`${last}-11`, "10:00", "11:15", { project_id: website.id, billable: false, notes: "Planning" });
  await entry(`${last}-12`, "08:00", "09:00", { project_id: support.id, billable: true, tags: ["urgent"], notes: "Ticket 42" });
  await entry(`${last}-12`, "14:00", "16:00", { project_id: internal.id, billable: false, notes: "Team meeting" });
  await entry(`${before}-15`, "09:00", "10:00", { project_id: website.id, billable: true, notes: "Older work" });
  return { acme, website, support };
}

/** The table's rows as "Group" / "Group/Sub" / "Total" → [duration, billable, rounded, amount(, rounded amount)]. */
async function tableRows(page: Page): Promise<Record<string, string[]>> {
  const rows = await page
    .getByTestId("report-table")
    .locator("tbody tr, tfoot tr")
    .evaluateAll((trs) => trs.map((tr) => ({ kind: tr.getAttribute("data-testid"), cells: [...tr.children].map((c) => (c.textContent ?? "").replace(/\s+/g, " ").trim()) })));
  const out: Record<string, string[]> = {};
  let group = "";
  for (const r of rows) {
    const [name, ...figures] = r.cells;
    if (r.kind === "report-row-group") group = name;
    out[r.kind === "report-row-sub" ? `${group}/${name}` : name] = figures;
  }
  return out;
}

// Money as every page writes it (lib/money/format.ts): the workspace's currency (EUR) as a symbol, with cents.
const money = (n: string) => `€${n}`;

/** Console errors and uncaught exceptions of the page (a CSP refusal shows up there), asserted at the end. */
function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" && !m.location().url.endsWith("/favicon.ico")) problems.push(m.text());
  });
  page.on("pageerror", (e) => problems.push(e.message));
  return problems;
}

test.describe("reports page", () => {
  test("last month, one client, by project then tag: the API's figures, a URL that is the report, entries and charts", async ({ page, user }) => {
    const problems = watchConsole(page);
    await signIn(page, user);
    const { acme } = await seed(page);

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Reports" }).first().click();
    await expect(page.getByRole("heading", { level: 1, name: "Reports" })).toBeVisible();
    await page.getByLabel("Range", { exact: true }).selectOption("last_month");
    await expect(page).toHaveURL(/range=last_month/);
    await page.getByLabel("Client", { exact: true }).selectOption({ label: "Acme" });
    await expect(page).toHaveURL(new RegExp(`client_id=${acme.id}`));
    await page.getByLabel("Then by", { exact: true }).selectOption("tag");
    await expect(page).toHaveURL(new RegExp(`range=last_month&client_id=${acme.id}&group_by=project,tag$`));

    const expected = {
      Website: ["3:45:00", "2:30:00", "3:45:00", money("250.00")],
      "Website/design": ["2:30:00", "2:30:00", "2:30:00", money("250.00")],
      "Website/urgent": ["0:30:00", "0:30:00", "0:30:00", money("50.00")],
      Support: ["1:00:00", "1:00:00", "1:00:00", money("80.00")],
      "Support/urgent": ["1:00:00", "1:00:00", "1:00:00", money("80.00")],
      Total: ["4:45:00", "3:30:00", "4:45:00", money("330.00")],
    };
    await expect.poll(() => tableRows(page)).toMatchObject(expected);
    const rows = await tableRows(page);
    expect(Object.keys(rows).filter((k) => !k.includes("/"))).toEqual(expect.arrayContaining(["Website", "Support", "Total"]));
    expect(Object.keys(rows)).not.toContain("Internal");
    await expect(page.getByRole("list", { name: "Active filters" }).getByRole("listitem")).toHaveText(["Client: Acme×"]);

    // The entries behind it: four of Acme's, none of Other's, none of the month before.
    const entries = page.getByTestId("report-entry");
    await expect(entries).toHaveCount(4);
    for (const d of ["Homepage layout", "Hotfix", "Planning", "Ticket 42"]) await expect(page.getByTestId("report-entries")).toContainText(d);
    await expect(page.getByTestId("report-entries")).not.toContainText("Team meeting");

    // Charts (recharts, loaded on this page only), each with a text alternative.
    await expect(page.getByRole("img", { name: /^Bar chart of time per day, stacked by project: 3 days with time/ })).toBeVisible();
    await expect(page.getByRole("img", { name: /^Share of time by project: 2 groups, the largest Website with 79%/ })).toBeVisible();
    await expect(page.getByTestId("report-charts").locator("svg.recharts-surface").first()).toBeVisible();

    // Exports are links with the same query.
    const csv = page.getByRole("link", { name: "CSV", exact: true });
    await expect(csv).toHaveAttribute("href", `/api/v1/reports/detailed?range=last_month&client_id=${acme.id}&group_by=project,tag&format=csv`);
    await expect(page.getByRole("link", { name: "PDF" })).toHaveAttribute("href", /\/api\/v1\/reports\/grouped\?range=last_month&client_id=\d+&group_by=project,tag&format=pdf$/);

    // The CSV's columns are chosen once and kept in this browser: the link carries them and the file has them.
    await page.getByText("CSV columns").click();
    const columns = page.getByRole("group", { name: "Columns of the entries CSV, in this order" });
    await columns.getByLabel("Rate column", { exact: true }).uncheck();
    await columns.getByLabel("Id column", { exact: true }).check();
    await page.getByLabel("Start with a byte order mark (for Excel)").check();
    await expect(csv).toHaveAttribute("href", /&format=csv&columns=id,date,start,end,duration,hours,rounded_duration,member,client,project,task,tags,description,billable,amount,currency&bom=true$/);
    const file = await page.request.get((await csv.getAttribute("href"))!);
    const bytes = await file.body();
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString("utf8").trim().split("\r\n");
    expect(lines[0]).toBe("Id,Date,Start,End,Duration (h:mm),Duration (hours),Rounded duration (h:mm),Member,Client,Project,Task,Tags,Description,Billable,Amount,Currency");
    expect(lines).toHaveLength(5); // the header and Acme's four entries, as on screen
    expect(lines.join("\n")).not.toContain("Team meeting");

    await expectNoAxeViolations(page, "reports page");

    // The URL is the report: a reload shows the same.
    await page.reload();
    await expect(page.getByLabel("Range", { exact: true })).toHaveValue("last_month");
    await expect(page.getByLabel("Then by", { exact: true })).toHaveValue("tag");
    await expect.poll(() => tableRows(page)).toMatchObject(expected);

    // Removing the chip updates the URL and the figures: Other's Internal joins.
    await page.getByRole("button", { name: "Remove filter Client: Acme" }).click();
    await expect(page).toHaveURL(/\?range=last_month&group_by=project,tag$/);
    await expect.poll(async () => (await tableRows(page)).Total).toEqual(["6:45:00", "3:30:00", "6:45:00", money("330.00")]);
    await expect.poll(async () => (await tableRows(page)).Internal?.slice(0, 2)).toEqual(["2:00:00", "0:00:00"]);
    await expect(entries).toHaveCount(5);
    expect(problems).toEqual([]);
  });

  test("a bad address shows the API's field message; an empty range says so; a phone gets one column", async ({ page, user }) => {
    const problems = watchConsole(page);
    await signIn(page, user);
    await page.goto("/reports?group_by=color");
    await expect(page.getByTestId("report-error")).toContainText("group_by");
    await expect(page.getByTestId("report-error")).toContainText("group_by takes client, project, task, tag, member, day, week or month.");

    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto("/reports?range=last_week");
    await expect(page.getByText("No time in this report")).toBeVisible();
    await expect(page.getByText("No entries in this report")).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectNoAxeViolations(page, "empty report on a phone");
    // The API's 400 is the one expected console line (the browser reports the failed request).
    expect(problems.filter((p) => !p.includes("400"))).toEqual([]);
  });

  test("rounding: the workspace's default named and set in Settings, an override in the URL that changes the figures and the exports", async ({ page, user }) => {
    const problems = watchConsole(page);
    await signIn(page, user);
    const { acme } = await seed(page);
    const base = `range=last_month&client_id=${acme.id}`;
    await page.goto(`/reports?${base}`);
    const mode = page.getByLabel("Mode", { exact: true });
    await expect(mode).toHaveValue("default");
    await expect(mode.locator("option:checked")).toHaveText("Workspace default (No rounding)");
    await expect.poll(async () => (await tableRows(page)).Website).toEqual(["3:45:00", "2:30:00", "3:45:00", money("250.00")]);

    // Up to 60 minutes, each entry: Website's 2:00 + 0:30 + 1:15 become 2 + 1 + 2 hours; its billable 3 h × 100.
    await mode.selectOption("up");
    await expect(page).toHaveURL(new RegExp(`\\?${base}&rounding=up&rounding_minutes=15&rounding_scope=entry&group_by=project$`));
    await page.getByLabel("Round to", { exact: true }).selectOption("60");
    const up60 = `${base}&rounding=up&rounding_minutes=60&rounding_scope=entry&group_by=project`;
    await expect(page).toHaveURL(new RegExp(`\\?${up60}$`));
    await expect.poll(async () => (await tableRows(page)).Website).toEqual(["3:45:00", "2:30:00", "5:00:00", money("250.00"), money("300.00")]);
    await expect.poll(async () => (await tableRows(page)).Total).toEqual(["4:45:00", "3:30:00", "6:00:00", money("330.00"), money("380.00")]);
    // Each entry's raw and rounded time side by side.
    const planning = page.getByTestId("report-entry").filter({ hasText: "Planning" });
    await expect(page.getByTestId("report-entries").getByRole("columnheader", { name: "Rounded", exact: true })).toBeVisible();
    await expect(planning).toContainText("1:15:00");
    await expect(planning).toContainText("2:00:00");

    // The exports are the report on screen: the CSV link carries the rounding, and its file rounds alike.
    const csv = page.getByRole("link", { name: "CSV", exact: true });
    await expect(csv).toHaveAttribute("href", `/api/v1/reports/detailed?${up60}&format=csv`);
    const file = await page.request.get((await csv.getAttribute("href"))!);
    expect(file.status()).toBe(200);
    const lines = (await file.text()).split("\r\n");
    expect(lines[0]).toContain("Rounded duration (h:mm)");
    const rounded = lines[0].split(",").indexOf("Rounded duration (h:mm)");
    expect(lines.find((l) => l.includes("Planning"))?.split(",")[rounded]).toBe("2:00");
    await expect(page.getByRole("link", { name: "PDF" })).toHaveAttribute("href", `/api/v1/reports/grouped?${up60}&format=pdf`);

    // Each group's total instead: Website's 3:45 rounds once to 4:00; entries have no rounded time of their own.
    await page.getByLabel("Applied to", { exact: true }).selectOption("group");
    await expect(page).toHaveURL(/rounding=up&rounding_minutes=60&rounding_scope=group&/);
    await expect.poll(async () => (await tableRows(page)).Total?.slice(0, 3)).toEqual(["4:45:00", "3:30:00", "5:00:00"]);
    await expect(page.getByTestId("report-entries").getByRole("columnheader", { name: "Rounded", exact: true })).toHaveCount(0);

    // The workspace's default, set in Settings → Workspace, is what "Workspace default" rounds with.
    await page.goto("/settings/workspace");
    await page.getByLabel("Rounding", { exact: true }).selectOption("nearest");
    await page.getByLabel("Round to", { exact: true }).selectOption("30");
    await page.getByRole("button", { name: "Save workspace" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Workspace saved." })).toBeVisible();
    await page.goto(`/reports?${base}&rounding=up&rounding_minutes=60&rounding_scope=group`);
    await expect(mode).toHaveValue("up");
    await mode.selectOption("default");
    await expect(page).toHaveURL(new RegExp(`\\?${base}&group_by=project$`));
    await expect(mode.locator("option:checked")).toHaveText("Workspace default (Nearest 30 min, each entry)");
    // Nearest 30 minutes, each entry: 2:00 + 0:30 + 1:15 (halves round up: 1:30) = 4:00.
    await expect.poll(async () => (await tableRows(page)).Website?.slice(0, 3)).toEqual(["3:45:00", "2:30:00", "4:00:00"]);
    expect(problems).toEqual([]);
  });

  test("one's own entries are edited in place (keyboard, Enter, Escape, leaving the row) and the figures follow", async ({ page, user }) => {
    const problems = watchConsole(page);
    await signIn(page, user);
    const { acme } = await seed(page);
    const { last } = months();
    await page.goto(`/reports?range=last_month&client_id=${acme.id}`);
    await expect.poll(async () => (await tableRows(page)).Website).toEqual(["3:45:00", "2:30:00", "3:45:00", money("250.00")]);

    // Description and end of "Hotfix" (13:00–13:30) by keyboard: Enter saves, focus goes back to its Edit button.
    // The row in edit mode (its description is then an input's value, not its text).
    const editing = page.locator("[data-testid=report-entry][data-editing=true]");
    const hotfix = page.getByTestId("report-entry").filter({ hasText: "Hotfix" });
    await hotfix.getByRole("button", { name: "Edit “Hotfix”" }).click();
    const description = editing.getByRole("textbox", { name: "Description" });
    await expect(description).toBeFocused();
    await expect(description).toHaveAccessibleDescription("Enter saves, Escape cancels.");
    // The wider row scrolls inside the entries table; the page itself does not scroll sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await description.fill("Hotfix, deployed");
    await expect(editing.getByLabel("Start", { exact: true })).toHaveValue(`${last}-10T13:00`);
    await editing.getByLabel("End", { exact: true }).fill(`${last}-10T14:00`);
    const saved = page.waitForResponse((r) => r.request().method() === "PATCH" && r.url().includes("/api/v1/time-entries/"));
    await editing.getByLabel("End", { exact: true }).press("Enter");
    expect((await saved).status()).toBe(200);
    const edited = page.getByTestId("report-entry").filter({ hasText: "Hotfix, deployed" });
    await expect(edited.getByRole("button", { name: "Edit “Hotfix, deployed”" })).toBeFocused();
    await expect(edited).toContainText("13:00–14:00");
    // The grouped figures: Website +30 min, billable at 100.
    await expect.poll(async () => (await tableRows(page)).Website).toEqual(["4:15:00", "3:00:00", "4:15:00", money("300.00")]);
    await expect.poll(async () => (await tableRows(page)).Total).toEqual(["5:15:00", "4:00:00", "5:15:00", money("380.00")]);
    await expect(page.getByRole("status").filter({ hasText: "Saved “Hotfix, deployed”." })).toBeAttached();

    // Escape cancels: nothing is sent, the row reads as before.
    let patches = 0;
    page.on("request", (r) => {
      if (r.method() === "PATCH") patches++;
    });
    const planning = page.getByTestId("report-entry").filter({ hasText: "Planning" });
    await planning.getByRole("button", { name: "Edit “Planning”" }).click();
    await editing.getByRole("textbox", { name: "Description" }).fill("Something else");
    await page.keyboard.press("Escape");
    await expect(planning.getByRole("button", { name: "Edit “Planning”" })).toBeFocused();
    await expect(planning).toContainText("Planning");

    // A mistake is said in the row, on the field, and nothing is saved.
    await planning.getByRole("button", { name: "Edit “Planning”" }).click();
    await editing.getByLabel("End", { exact: true }).fill(`${last}-11T09:00`);
    await page.keyboard.press("Enter");
    const error = page.getByRole("alert").filter({ hasText: "Not saved: Pick an end after the start." });
    await expect(error).toBeVisible();
    await expect(editing.getByLabel("End", { exact: true })).toHaveAttribute("aria-invalid", "true");
    await page.keyboard.press("Escape");
    await expect(error).toHaveCount(0);
    expect(patches).toBe(0);

    // Leaving the row saves: Planning (1:15, not billable) moves to Support and becomes billable at the client's 80.
    await planning.getByRole("button", { name: "Edit “Planning”" }).click();
    await editing.getByRole("combobox", { name: "Project" }).selectOption({ label: "Support · Acme" });
    await editing.getByRole("checkbox", { name: "Billable" }).check();
    await page.getByRole("heading", { level: 1, name: "Reports" }).click();
    await expect(editing).toHaveCount(0);
    await expect.poll(async () => (await tableRows(page)).Support).toEqual(["2:15:00", "2:15:00", "2:15:00", money("180.00")]);
    await expect.poll(async () => (await tableRows(page)).Website?.slice(0, 2)).toEqual(["3:00:00", "3:00:00"]);
    expect(patches).toBe(1);
    expect(problems).toEqual([]);
  });

  test("the task and tags of one's own entry are edited in place from the keyboard; the row and the report by tag follow", async ({ page, user }) => {
    const problems = watchConsole(page);
    await signIn(page, user);
    const { acme, website, support } = await seed(page);
    const task = async (name: string, project_id: number) => {
      const res = await page.request.post("/api/v1/tasks", { data: { name, project_id } });
      expect(res.status(), await res.text()).toBe(201);
      return ((await res.json()) as { task: { id: number } }).task.id;
    };
    const layoutTask = await task("Layout", website.id);
    await task("QA", website.id);
    await task("Triage", support.id);
    // By tag, by hand: design = Homepage layout 2:00 + Hotfix 0:30 (250.00); urgent = Hotfix 0:30 + Ticket 42 1:00 (50 + 80).
    await page.goto(`/reports?range=last_month&client_id=${acme.id}&group_by=tag`);
    await expect.poll(async () => (await tableRows(page)).design).toEqual(["2:30:00", "2:30:00", "2:30:00", money("250.00")]);
    await expect.poll(async () => (await tableRows(page)).urgent).toEqual(["1:30:00", "1:30:00", "1:30:00", money("130.00")]);

    const editing = page.locator("[data-testid=report-entry][data-editing=true]");
    const layout = page.getByTestId("report-entry").filter({ hasText: "Homepage layout" });
    const edit = layout.getByRole("button", { name: "Edit “Homepage layout”" });
    await edit.focus();
    await page.keyboard.press("Enter");
    await expect(editing.getByRole("textbox", { name: "Description" })).toBeFocused();
    // Tab: the project, then its task (the project's open tasks only).
    await page.keyboard.press("Tab");
    await expect(editing.getByRole("combobox", { name: "Project" })).toBeFocused();
    await page.keyboard.press("Tab");
    const taskSelect = editing.getByRole("combobox", { name: "Task of “Homepage layout”" });
    await expect(taskSelect).toBeFocused();
    await expect(taskSelect).toHaveValue("");
    await expect(taskSelect.getByRole("option")).toHaveText(["No task", "Layout", "QA"]);
    await page.keyboard.type("La"); // a focused select's type-ahead
    await expect(taskSelect.locator("option:checked")).toHaveText("Layout");

    // The tags: a button that opens the workspace's tags as checkboxes; Escape closes the list, not the edit.
    await page.keyboard.press("Tab");
    const tagsButton = editing.getByRole("button", { name: "Tags of “Homepage layout”: design" });
    await expect(tagsButton).toBeFocused();
    await expect(tagsButton).toHaveAttribute("aria-expanded", "false");
    await page.keyboard.press("Enter");
    const tagList = editing.getByRole("group", { name: "Tags of “Homepage layout”" });
    await expect(tagList.getByRole("checkbox", { name: "design" })).toBeFocused();
    await expect(tagList.getByRole("checkbox", { name: "design" })).toBeChecked();
    await page.keyboard.press("Space");
    await page.keyboard.press("ArrowDown");
    await expect(tagList.getByRole("checkbox", { name: "urgent" })).toBeFocused();
    await page.keyboard.press("Space");
    await expect(tagList.getByRole("checkbox", { name: "urgent" })).toBeChecked();
    await expect(tagList.getByRole("checkbox", { name: "design" })).not.toBeChecked();
    await page.keyboard.press("Escape");
    await expect(tagList).toHaveCount(0);
    await expect(editing).toHaveCount(1);
    await expect(editing.getByRole("button", { name: "Tags of “Homepage layout”: urgent" })).toBeFocused();

    // Enter on a field saves (on the tags' button it opens the list): only what changed is sent.
    await page.keyboard.press("Shift+Tab");
    await expect(taskSelect).toBeFocused();
    const saved = page.waitForResponse((r) => r.request().method() === "PATCH" && r.url().includes("/api/v1/time-entries/"));
    await page.keyboard.press("Enter");
    const response = await saved;
    expect(response.status()).toBe(200);
    expect(response.request().postDataJSON()).toEqual({ task_id: layoutTask, tags: ["urgent"] });
    await expect(edit).toBeFocused();
    await expect(layout).toContainText("Website · Acme · Layout");
    await expect(layout).toContainText("urgent");
    await expect(layout).not.toContainText("design");
    // By tag now: design = Hotfix 0:30 (50.00); urgent = Homepage layout 2:00 + Hotfix 0:30 + Ticket 42 1:00 (200 + 50 + 80).
    await expect.poll(async () => (await tableRows(page)).design).toEqual(["0:30:00", "0:30:00", "0:30:00", money("50.00")]);
    await expect.poll(async () => (await tableRows(page)).urgent).toEqual(["3:30:00", "3:30:00", "3:30:00", money("330.00")]);

    // Another project clears the task and offers its own tasks; Escape cancels and nothing is sent.
    let patches = 0;
    page.on("request", (r) => {
      if (r.method() === "PATCH") patches++;
    });
    await page.keyboard.press("Enter");
    await page.keyboard.press("Tab");
    const project = editing.getByRole("combobox", { name: "Project" });
    await expect(project).toBeFocused();
    await expect(taskSelect.locator("option:checked")).toHaveText("Layout");
    await page.keyboard.type("Su");
    await expect(project.locator("option:checked")).toHaveText("Support · Acme");
    await expect(taskSelect).toHaveValue("");
    await expect(taskSelect.getByRole("option")).toHaveText(["No task", "Triage"]);
    await page.keyboard.press("Escape");
    await expect(editing).toHaveCount(0);
    await expect(edit).toBeFocused();
    await expect(layout).toContainText("Website · Acme · Layout");
    expect(patches).toBe(0);
    expect(problems).toEqual([]);
  });

  test("the member filter is for managers and up; Load more follows the API's cursor", async ({ browser, page, user }) => {
    await signIn(page, user);
    const [workspace] = await myWorkspaces(page.request);
    const tracker = await createUser("tracker");
    const trackerRequest = await signedIn(tracker);
    await join(page.request, workspace.id, { request: trackerRequest, email: tracker.email }, "member");
    const trackerId = ((await (await trackerRequest.get("/api/v1/users/me")).json()) as { user: { id: number } }).user.id;
    // 51 entries of ten minutes last month: one more than a page of the detailed list.
    const { last } = months();
    for (let i = 0; i < 51; i++) {
      const start = new Date(Date.parse(`${last}-05T00:00:00Z`) + i * 600_000);
      const res = await page.request.post("/api/v1/time-entries", { data: { start_time: start.toISOString(), end_time: new Date(start.getTime() + 600_000).toISOString(), notes: `Slot ${i + 1}` } });
      expect(res.status(), await res.text()).toBe(201);
    }

    await page.goto("/reports?range=last_month");
    await expect(page.getByLabel("Member", { exact: true }).getByRole("option", { name: tracker.name })).toBeAttached();
    await expect.poll(async () => (await tableRows(page)).Total?.[0]).toBe("8:30:00");
    const entries = page.getByTestId("report-entry");
    await expect(entries).toHaveCount(50);
    await page.getByRole("button", { name: "Load more" }).click();
    await expect(entries).toHaveCount(51);
    await expect(entries.last()).toContainText("Slot 51");
    await expect(page.getByRole("button", { name: "Load more" })).toHaveCount(0);

    // The tracker's entry (added by the owner for them) shows to the owner read-only: only one's own have Edit
    // (and so no field at all: description, project, task, tags, billable or times).
    const theirEntry = await page.request.post("/api/v1/time-entries", { data: { user_id: trackerId, start_time: `${last}-06T09:00:00Z`, end_time: `${last}-06T10:00:00Z`, notes: "Tracker's work" } });
    expect(theirEntry.status(), await theirEntry.text()).toBe(201);
    await page.goto(`/reports?range=last_month&user_id=${trackerId}`);
    const trackers = page.getByTestId("report-entry");
    await expect(trackers).toHaveCount(1);
    await expect(trackers).toContainText("Tracker's work");
    await expect(trackers).toContainText(tracker.name);
    await expect(trackers.getByRole("button")).toHaveCount(0);
    await page.goto("/reports?range=last_month");
    await expect(page.getByTestId("report-entry").filter({ hasText: "Slot 1" }).first().getByRole("button", { name: /^Edit “Slot 1/ })).toBeVisible();

    // A member of the workspace gets no member filter (the API would answer only their own time anyway).
    const context = await browser.newContext();
    const theirs = await context.newPage();
    await signIn(theirs, tracker);
    await switchWorkspace(theirs, workspace.name);
    await theirs.goto("/reports?range=last_month");
    await expect(theirs.getByLabel("Client", { exact: true })).toBeVisible();
    await expect(theirs.getByLabel("Member", { exact: true })).toHaveCount(0);
    // Their own entry (the one the owner added for them) is theirs to edit.
    await expect(theirs.getByTestId("report-entry")).toHaveCount(1);
    await expect(theirs.getByRole("button", { name: "Edit “Tracker's work”" })).toBeVisible();
    await context.close();
  });
});
