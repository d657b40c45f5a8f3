import type { Page } from "@playwright/test";
import { expect, signIn, test } from "./fixtures";
import { expectNoAxeViolations } from "./support/a11y-audit";

// A project's budget and estimate, all time, on its page, in the project list, in the project API and in the
// report by project; amounts by the one rate precedence (here the client's rate, the project having none).
//
// Seeded through the API (the user is in UTC), June 2025:
//   Acme (client rate 60):  Redesign (no rate: the client's 60; estimate 5 h, budget 300)
//     day 10 09:00–12:00 billable, day 11 09:00–10:00 not billable  -> 4 h tracked, 3 h × 60 = 180.00
//   Hotline (rate 100, budget 150)
//     day 12 09:00–11:00 billable                                       -> 2 h × 100 = 200.00: 50.00 over
// By hand: Redesign 180 of 300 = 60 %, 120.00 left; 4 h of 5 h = 80 %, 1 h left. Hotline 200 of 150 = 133 %.

async function seed(page: Page) {
  const post = async <T>(path: string, data: object): Promise<T> => {
    const res = await page.request.post(`/api/v1/${path}`, { data });
    expect(res.status(), await res.text()).toBe(201);
    return res.json() as Promise<T>;
  };
  const { client } = await post<{ client: { id: number } }>("clients", { name: "Acme", hourly_rate: 60 });
  const { project: redesign } = await post<{ project: { id: number } }>("projects", { name: "Redesign", client_id: client.id, estimated_hours: 5, budget_amount: 300 });
  const { project: hotline } = await post<{ project: { id: number } }>("projects", { name: "Hotline", hourly_rate: 100, budget_amount: 150 });
  const entry = (project_id: number, day: string, from: string, to: string, billable: boolean) =>
    post("time-entries", { project_id, billable, notes: "work", start_time: `2025-06-${day}T${from}:00Z`, end_time: `2025-06-${day}T${to}:00Z` });
  await entry(redesign.id, "10", "09:00", "12:00", true);
  await entry(redesign.id, "11", "09:00", "10:00", false);
  await entry(hotline.id, "12", "09:00", "11:00", true);
  return { redesign, hotline };
}

test("a project's budget and estimate progress: on its page, in the list, in the API and in the report by project", async ({ page, user }) => {
  await signIn(page, user);
  const { redesign, hotline } = await seed(page);

  // The API: what is spent of the budget, the share and what is left, from the client's rate.
  const api = async (id: number) => (await (await page.request.get(`/api/v1/projects/${id}`)).json()).project;
  expect(await api(redesign.id)).toMatchObject({
    hourly_rate: null,
    billable_amount: 180,
    currency: "EUR",
    budget_amount: 300,
    budget_spent: 180,
    budget_progress: 0.6,
    budget_remaining: 120,
    estimate_progress: 0.8,
    estimate_remaining_seconds: 3600,
  });
  expect(await api(hotline.id)).toMatchObject({ billable_amount: 200, budget_spent: 200, budget_progress: 1.3333, budget_remaining: -50, estimate_progress: null });

  // The project page: the text says it all, the bar shows the share.
  await page.goto(`/projects/${redesign.id}`);
  const figures = page.getByTestId("project-figures");
  await expect(figures.getByRole("definition").nth(3)).toHaveText("€180.00");
  const budget = figures.getByTestId("budget-progress");
  await expect(budget).toHaveText("€180.00 of €300.00 · 60% · €120.00 left");
  await expect(budget).not.toHaveAttribute("data-over");
  await expect(budget.locator("[aria-hidden=true] span")).toHaveAttribute("style", /width:\s*60%/);
  await expect(figures.getByTestId("estimate-progress")).toHaveText("4h 00m of 5 h · 80% · 1h 00m left");
  await expectNoAxeViolations(page, "project page with a budget");

  // Over budget: said in words, and red.
  await page.goto(`/projects/${hotline.id}`);
  const over = page.getByTestId("project-figures").getByTestId("budget-progress");
  await expect(over).toHaveText("€200.00 of €150.00 · 133% · €50.00 over");
  await expect(over).toHaveAttribute("data-over", "true");
  await expect(over.locator("[aria-hidden=true] span")).toHaveAttribute("style", /width:\s*100%/);

  // The list: compactly, in each row.
  await page.goto("/projects");
  const row = (name: string) => page.getByTestId("project-row").filter({ has: page.getByRole("link", { name, exact: true }) }).getByTestId("project-row-figures");
  await expect(row("Redesign")).toContainText("60% of €300.00 budget");
  await expect(row("Redesign")).toContainText("80% of 5 h");
  await expect(row("Hotline")).toContainText("133% of €150.00 budget");

  // A new budget from the edit dialog: the page follows at once.
  await page.goto(`/projects/${redesign.id}`);
  await page.getByRole("button", { name: "Edit project" }).click();
  const dialog = page.getByRole("dialog", { name: "Edit Redesign" });
  await expect(dialog.getByLabel("Budget")).toHaveValue("300");
  await dialog.getByLabel("Budget").fill("200");
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("project-figures").getByTestId("budget-progress")).toHaveText("€180.00 of €200.00 · 90% · €20.00 left");

  // The report by project over one day: the range's own figures, and the projects' progress over all time.
  const query = "start_date=2025-06-10&end_date=2025-06-10&group_by=project";
  const report = (await (await page.request.get(`/api/v1/reports/grouped?${query}`)).json()).report;
  expect(report.groups).toEqual([
    expect.objectContaining({
      name: "Redesign",
      seconds: 3 * 3600,
      amount: 180,
      estimate: { hours: 5, tracked_seconds_all_time: 4 * 3600, share: 0.8, remaining_seconds_all_time: 3600 },
      budget: { amount: 200, spent_all_time: 180, share: 0.9, remaining_all_time: 20 },
    }),
  ]);
  await page.goto(`/reports?${query}`);
  const table = page.getByTestId("report-table");
  await expect(table.getByRole("columnheader", { name: "Progress (all time)" })).toBeVisible();
  const cell = table.getByTestId("report-project-progress");
  await expect(cell).toContainText("Estimate: 80% of 5 h");
  await expect(cell).toContainText("Budget: 90% of €200.00");
});
