import type { APIRequestContext, Page } from "@playwright/test";
import { expect, signIn, test } from "./fixtures";

// The user is in UTC (the CLI's default).
const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000).toISOString();

async function status(request: APIRequestContext, id: number) {
  return (await request.get(`/api/v1/time-entries/${id}`)).status();
}

async function addEntry(page: Page, notes: string, tags = "") {
  const res = await page.request.post("/api/v1/time-entries", { data: { notes, tags, start_time: hoursAgo(3), end_time: hoursAgo(2) } });
  expect(res.status()).toBe(201);
  return (await res.json()).time_entry as { id: number; notes: string; tag_list: string[] };
}

const sessionNames = (page: Page) => page.getByRole("textbox", { name: "Session name" });

test.describe("delete and undo happen on the server", () => {
  test("deleted in one tab: gone in the other tab and for the API at once; Undo brings the same entry back everywhere", async ({ page, user, context }) => {
    await signIn(page, user);
    const entry = await addEntry(page, "Shared draft", "alpha, beta");
    const other = await context.newPage();
    await page.goto("/");
    await other.goto("/");
    await expect(sessionNames(page)).toHaveValue("Shared draft");
    await expect(sessionNames(other)).toHaveValue("Shared draft");

    const deleted = page.waitForResponse((r) => r.url().endsWith(`/api/v1/time-entries/${entry.id}`) && r.request().method() === "DELETE");
    await page.getByRole("button", { name: "Delete “Shared draft”" }).click();
    expect((await deleted).status()).toBe(200);
    // While the toast still offers Undo, the server has already deleted it.
    await expect(page.getByRole("button", { name: "Undo" })).toBeVisible();
    expect(await status(page.request, entry.id)).toBe(404);
    await expect(sessionNames(other)).toHaveCount(0);

    const restored = page.waitForResponse((r) => r.url().endsWith(`/api/v1/time-entries/${entry.id}/restore`));
    await page.getByRole("button", { name: "Undo" }).click();
    expect((await restored).status()).toBe(200);
    await expect(sessionNames(page)).toHaveValue("Shared draft");
    await expect(sessionNames(other)).toHaveValue("Shared draft");
    const back = (await (await page.request.get(`/api/v1/time-entries/${entry.id}`)).json()).time_entry;
    expect([back.id, back.notes, back.tag_list]).toEqual([entry.id, "Shared draft", ["alpha", "beta"]]);
  });

  test("closing the page while Undo is still offered leaves the entry deleted", async ({ page, user, context }) => {
    await signIn(page, user);
    const entry = await addEntry(page, "Closing time");
    await page.goto("/");
    const deleted = page.waitForResponse((r) => r.url().endsWith(`/api/v1/time-entries/${entry.id}`) && r.request().method() === "DELETE");
    await page.getByRole("button", { name: "Delete “Closing time”" }).click();
    await deleted;
    await expect(page.getByRole("button", { name: "Undo" })).toBeVisible();
    await page.close({ runBeforeUnload: true });

    const again = await context.newPage();
    await again.goto("/");
    await expect(again.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(sessionNames(again)).toHaveCount(0);
    expect(await status(again.request, entry.id)).toBe(404);
  });
});

test.describe("sane entries in the UI", () => {
  test("Settings → Maximum session length: a longer edit is refused next to the field, a raised limit lets it through", async ({ page, user }) => {
    await signIn(page, user);
    const start = new Date(Date.now() - 30 * 3600_000);
    start.setUTCMinutes(0, 0, 0);
    const res = await page.request.post("/api/v1/time-entries", { data: { notes: "Conference", start_time: start.toISOString(), duration_seconds: 20 * 3600 } });
    const entry = (await res.json()).time_entry as { id: number };
    // The API answers with the field to show it next to.
    const refused = await page.request.patch(`/api/v1/time-entries/${entry.id}`, { data: { end_time: new Date(start.getTime() + 26 * 3600_000).toISOString() } });
    expect(refused.status()).toBe(400);
    expect((await refused.json()).errors.end_time[0]).toMatch(/^A session can be at most 24 h long \(Settings → Maximum session length\)/);

    await page.goto("/settings");
    const field = page.getByLabel("Maximum session length");
    await expect(field).toHaveValue("24");
    await expect(field).toHaveAccessibleDescription(/From 1 to 168 \(7 days\)/);
    await field.fill("0.5");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(field).toHaveAccessibleDescription(/Use at least 1 hour\./);
    await field.fill("30");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Settings saved." })).toBeVisible();
    const now = await page.request.patch(`/api/v1/time-entries/${entry.id}`, { data: { end_time: new Date(start.getTime() + 26 * 3600_000).toISOString() } });
    expect(now.status()).toBe(200);
    expect((await now.json()).time_entry.duration_seconds).toBe(26 * 3600);
  });

  test("stopping a timer that ran past the maximum says how to proceed, and the timer keeps running", async ({ page, user }) => {
    await signIn(page, user);
    await page.request.patch("/api/v1/users/me", { data: { max_entry_minutes: 48 * 60 } });
    await page.request.post("/api/v1/time-entries", { data: { notes: "Left running", start_time: hoursAgo(25) } });
    await page.request.patch("/api/v1/users/me", { data: { max_entry_minutes: 24 * 60 } });
    await page.goto("/");
    const stop = page.waitForResponse((r) => r.url().endsWith("/api/v1/timer/stop"));
    await page.getByRole("button", { name: "Stop", exact: true }).click();
    expect((await stop).status()).toBe(400);
    await expect(page.getByText(/longer than a session can be \(24 h\)\. Stop it at the time you finished/).first()).toBeVisible();
    const timer = (await (await page.request.get("/api/v1/timer/status")).json()) as { active: boolean; timer: { notes: string } };
    expect([timer.active, timer.timer.notes]).toEqual([true, "Left running"]);
  });
});
