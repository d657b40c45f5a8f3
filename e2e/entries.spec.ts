import type { Page } from "@playwright/test";
import { expect, signIn, test } from "./fixtures";

// The user is in UTC (the CLI's default), so wall-clock times below are UTC.
const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000);
const isoMinute = (d: Date) => d.toISOString().slice(0, 16);
async function entries(page: Page) {
  return (await (await page.request.get("/api/v1/time-entries?include_active=true")).json()).time_entries as Array<Record<string, unknown>>;
}

test.describe("entries", () => {
  test.beforeEach(async ({ page, user }) => {
    await signIn(page, user);
  });

  test("rename in place; an empty name is refused next to the field and changes nothing", async ({ page }) => {
    await page.request.post("/api/v1/time-entries", { data: { notes: "Draft", start_time: hoursAgo(3).toISOString(), end_time: hoursAgo(2).toISOString() } });
    await page.reload();
    const name = page.getByRole("textbox", { name: "Session name" });
    await name.fill("Final report");
    await name.press("Enter");
    await expect.poll(async () => (await entries(page))[0].notes).toBe("Final report");

    await name.fill("   ");
    await name.press("Enter");
    await expect(page.getByText("Give the session a name.")).toBeVisible();
    await expect(name).toHaveAttribute("aria-invalid", "true");
    await page.reload();
    await expect(page.getByRole("textbox", { name: "Session name" })).toHaveValue("Final report");
  });

  test("edit times and project in the dialog; an end before the start is refused", async ({ page }) => {
    await page.request.post("/api/v1/projects", { data: { name: "Backoffice" } });
    const start = hoursAgo(30);
    start.setUTCHours(9, 0, 0, 0);
    await page.request.post("/api/v1/time-entries", { data: { notes: "Invoices", start_time: start.toISOString(), end_time: new Date(start.getTime() + 3600_000).toISOString() } });
    await page.reload();
    await page.getByRole("button", { name: "Edit “Invoices”" }).click();
    const dialog = page.getByRole("dialog", { name: "Edit session" });
    await dialog.getByLabel("End time").fill("08:00");
    await dialog.getByRole("button", { name: "Save" }).click();
    await expect(dialog.getByText("Pick an end after the start.")).toBeVisible();
    expect((await entries(page))[0].duration_seconds).toBe(3600);

    await dialog.getByLabel("Start time").fill("10:15");
    await dialog.getByLabel("End time").fill("12:45");
    await dialog.getByRole("button", { name: /^Project:/ }).click();
    await dialog.getByRole("option", { name: "Backoffice" }).click();
    await dialog.getByRole("button", { name: "Save" }).click();
    await expect(dialog).toBeHidden();
    const row = page.getByTestId("entry-row").filter({ has: page.getByRole("textbox", { name: "Session name" }) }).first();
    await expect(row).toContainText("10:15 – 12:45");
    await expect(row).toContainText("2:30:00");
    await expect(row).toContainText("Backoffice");
    const saved = (await entries(page))[0];
    expect(saved).toMatchObject({ project: "Backoffice", duration_seconds: 9000 });
    expect(String(saved.start_time)).toMatch(/T10:15:00\.000Z$/);
  });

  test("delete with undo; without undo it is gone for good", async ({ page }) => {
    await page.request.post("/api/v1/time-entries", { data: { notes: "Keep me", start_time: hoursAgo(5).toISOString(), end_time: hoursAgo(4).toISOString() } });
    await page.request.post("/api/v1/time-entries", { data: { notes: "Remove me", start_time: hoursAgo(3).toISOString(), end_time: hoursAgo(2).toISOString() } });
    // The page's clock, to run out the Undo message's 6 s at once instead of waiting for them.
    await page.clock.install();
    await page.reload();

    await page.getByRole("button", { name: "Delete “Keep me”" }).click();
    await expect(page.getByRole("textbox", { name: "Session name" })).toHaveCount(1);
    await page.getByRole("button", { name: "Undo" }).click();
    await expect(page.getByRole("textbox", { name: "Session name" })).toHaveCount(2);
    // The page shows it back at once; the server has it back once the restore is through.
    await expect.poll(async () => (await entries(page)).map((e) => e.notes).sort()).toEqual(["Keep me", "Remove me"]);
    await page.reload();
    await expect(page.getByRole("textbox", { name: "Session name" })).toHaveCount(2);

    await page.getByRole("button", { name: "Delete “Remove me”" }).click();
    await expect(page.getByText("Deleted “Remove me”")).toBeVisible();
    await page.clock.fastForward(6_000); // how long the message stays (lib/stores/toasts.ts)
    await expect(page.getByText("Deleted “Remove me”")).toBeHidden();
    await expect.poll(async () => (await entries(page)).map((e) => e.notes)).toEqual(["Keep me"]);
    await page.reload();
    await expect(page.getByRole("textbox", { name: "Session name" })).toHaveValue("Keep me");
  });

  test("a deletion still pending when the page is left is carried out", async ({ page }) => {
    await page.request.post("/api/v1/time-entries", { data: { notes: "Leaving", start_time: hoursAgo(3).toISOString(), end_time: hoursAgo(2).toISOString() } });
    await page.reload();
    await page.getByRole("button", { name: "Delete “Leaving”" }).click();
    await page.goto("/settings");
    await expect.poll(async () => (await entries(page)).length).toBe(0);
  });

  test("add a past session with start and end, or with a duration", async ({ page }) => {
    const start = hoursAgo(26);
    start.setUTCMinutes(0, 0, 0);
    await page.getByRole("button", { name: "+ Add a past session" }).click();
    const dialog = page.getByRole("dialog", { name: "Add a past session" });
    await dialog.getByRole("button", { name: "Add session" }).click();
    await expect(dialog.getByText("Give the session a name.")).toBeVisible();
    await dialog.getByLabel("Name").fill("Workshop");
    await dialog.getByLabel("Start date").fill(start.toISOString().slice(0, 10));
    await dialog.getByLabel("Start time").fill(start.toISOString().slice(11, 16));
    await dialog.getByLabel("End time").fill(new Date(start.getTime() + 2.5 * 3600_000).toISOString().slice(11, 16));
    if (start.getUTCHours() >= 21) await dialog.getByLabel("End date").fill(new Date(start.getTime() + 2.5 * 3600_000).toISOString().slice(0, 10));
    await dialog.getByRole("button", { name: "Add session" }).click();
    await expect(dialog).toBeHidden();
    await expect.poll(async () => (await entries(page)).map((e) => [e.notes, e.duration_seconds, e.source])).toEqual([["Workshop", 9000, "manual"]]);
    await expect(page.getByRole("textbox", { name: "Session name" })).toHaveValue("Workshop");

    await page.getByRole("button", { name: "+ Add a past session" }).click();
    await dialog.getByLabel("Name").fill("Phone call");
    await dialog.getByLabel("Start date").fill(isoMinute(hoursAgo(4)).slice(0, 10));
    await dialog.getByLabel("Start time").fill(isoMinute(hoursAgo(4)).slice(11));
    await dialog.getByLabel("Set a duration").check();
    await dialog.getByLabel("Duration", { exact: true }).fill("1:30");
    await dialog.getByRole("button", { name: "Add session" }).click();
    await expect(dialog).toBeHidden();
    await expect.poll(async () => (await entries(page)).find((e) => e.notes === "Phone call")?.duration_seconds).toBe(5400);
  });

  test("a past session may not overlap the running timer", async ({ page }) => {
    await page.request.post("/api/v1/time-entries", { data: { notes: "Running", start_time: hoursAgo(1).toISOString() } });
    await page.reload();
    await page.getByRole("button", { name: "+ Add a past session" }).click();
    const dialog = page.getByRole("dialog", { name: "Add a past session" });
    await dialog.getByLabel("Name").fill("Overlapping");
    const start = hoursAgo(1.5);
    const end = hoursAgo(0.5);
    await dialog.getByLabel("Start date").fill(isoMinute(start).slice(0, 10));
    await dialog.getByLabel("Start time").fill(isoMinute(start).slice(11));
    await dialog.getByLabel("End date").fill(isoMinute(end).slice(0, 10));
    await dialog.getByLabel("End time").fill(isoMinute(end).slice(11));
    await dialog.getByRole("button", { name: "Add session" }).click();
    await expect(dialog.getByText(/This overlaps your running timer, which started at/)).toBeVisible();
    expect((await entries(page)).map((e) => e.notes)).toEqual(["Running"]);
  });
});
