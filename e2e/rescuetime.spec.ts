import crypto from "node:crypto";
import { DateTime } from "luxon";
import type { FakeRescueTime } from "./fakes/rescuetime";
import { workday } from "./fakes/rescuetime";
import { expect, signIn, test } from "./fixtures";
import { startE2eFakeRescueTime } from "./support/fake-rescuetime";
import { budget } from "./support/budget";

// RescueTime in the browser, against the fake the shared server is pointed at (e2e.fakeRescueTimePort):
// paste a key (a wrong one is refused with RescueTime's reason), import activity now, and yesterday's
// activity is waiting as suggestions. (The review inbox is a later part: the suggestions are read through the API.)

let rt: FakeRescueTime;
test.beforeAll(async () => {
  test.setTimeout(budget.withServer); // may wait while the API spec holds the fake's port
  rt = await startE2eFakeRescueTime();
});
test.afterAll(async () => {
  await rt?.close();
});

test("connect RescueTime with an API key, import activity now: yesterday's work becomes suggestions", async ({ page, user }) => {
  await signIn(page, user);
  const me = await (await page.request.get("/api/v1/users/me")).json();
  const yesterday = DateTime.now().setZone(me.user.timezone).minus({ days: 1 }).toISODate()!;
  const key = `rt-ui-${crypto.randomBytes(6).toString("hex")}`;
  rt.state.addKey(key, workday(yesterday));

  await page.goto("/settings/integrations");
  await expect(page.getByRole("heading", { name: "Integrations", level: 1 })).toBeVisible();
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Connect RescueTime" }) });
  await form.getByLabel("API key").fill("rt-wrong-key-for-ui");
  await form.getByRole("button", { name: "Connect RescueTime" }).click();
  await expect(page.getByTestId("connect-error")).toContainText("RescueTime refused the API key");
  await form.getByLabel("API key").fill(key);
  await form.getByRole("button", { name: "Connect RescueTime" }).click();

  const card = page.getByTestId("connection").filter({ has: page.getByRole("heading", { name: "RescueTime" }) });
  await expect(card).toHaveCount(1);
  await expect(card.getByText("Active", { exact: true })).toBeVisible();
  const importNow = card.getByRole("button", { name: "Import activity now" });
  await expect(importNow).toBeEnabled({ timeout: budget.background });
  await importNow.click();
  await expect(card.getByTestId("job-progress")).toContainText("Import finished", { timeout: budget.background });

  const suggestions = async () => (await (await page.request.get(`/api/v1/suggestions?from=${yesterday}&to=${yesterday}`)).json()).suggestions as { notes: string }[];
  await expect.poll(async () => (await suggestions()).map((s) => s.notes), { timeout: budget.background }).toEqual([
    "code: lib/suggestions/rules.ts",
    "github.com: stint/pull/14",
    "docs.google.com: Invoice notes",
  ]);
});
