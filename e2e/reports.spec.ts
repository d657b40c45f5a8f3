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
  return { acme };
}

/** The table's rows as "Group" / "Group/Sub" / "Total" → [duration, billable, rounded, amount]. */
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

const money = (n: string) => expect.stringContaining(n);

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

  test("the member filter is for managers and up; Load more follows the API's cursor", async ({ browser, page, user }) => {
    await signIn(page, user);
    const [workspace] = await myWorkspaces(page.request);
    const tracker = await createUser("tracker");
    await join(page.request, workspace.id, { request: await signedIn(tracker), email: tracker.email }, "member");
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

    // A member of the workspace gets no member filter (the API would answer only their own time anyway).
    const context = await browser.newContext();
    const theirs = await context.newPage();
    await signIn(theirs, tracker);
    await switchWorkspace(theirs, workspace.name);
    await theirs.goto("/reports?range=last_month");
    await expect(theirs.getByLabel("Client", { exact: true })).toBeVisible();
    await expect(theirs.getByLabel("Member", { exact: true })).toHaveCount(0);
    await expect(theirs.getByText("No time in this report")).toBeVisible();
    await context.close();
  });
});
