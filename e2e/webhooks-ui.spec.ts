import crypto from "node:crypto";
import type { Page } from "@playwright/test";
import { signedIn } from "./api/api-fixtures";
import { createUser, expect, signIn, test } from "./fixtures";
import { budget } from "./support/budget";
import { e2e } from "./support/config";
import { join, myWorkspaces, switchWorkspace } from "./support/team";
import { startWebhookReceiver } from "./support/webhook-receiver";

// Settings → Webhooks, as an owner uses it (add, the secret shown once, test, rotate, deactivate,
// activate, delete) and as a member meets it (no link, a refusal at the URL). The deliveries are what the
// service reports: whether a sender has sent them yet is the delivery engine's own spec.

const hookUrl = () => `https://hooks.example.com/stint/${crypto.randomBytes(4).toString("hex")}`;
const SECRET = /^whsec_[A-Za-z0-9_-]{43}$/;

async function addWebhook(page: Page, url: string, description = "") {
  await page.getByLabel("Payload URL").fill(url);
  if (description) await page.getByLabel("Description (optional)").fill(description);
  await page.getByRole("button", { name: "Add webhook" }).click();
  const dialog = page.getByRole("dialog", { name: "Webhook added" });
  await expect(dialog).toBeVisible();
  const secret = (await dialog.getByTestId("webhook-secret").textContent()) ?? "";
  expect(secret).toMatch(SECRET);
  await expect(dialog).toContainText("it will not be shown again");
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(dialog).toBeHidden();
  return secret;
}

test.describe("Settings → Webhooks", () => {
  test("an owner adds a webhook (secret shown once), tests, rotates, deactivates and activates it, and deletes it", async ({ page, user }) => {
    await signIn(page, user);
    await page.goto("/settings");
    await page.getByRole("link", { name: "Manage webhooks" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Webhooks" })).toBeVisible();
    await expect(page.getByText("No webhooks yet")).toBeVisible();

    // Add: only task events, with a description.
    const url = hookUrl();
    await page.getByLabel("Payload URL").fill(url);
    await page.getByLabel("All events (and those added later)").uncheck();
    await page.getByLabel("task.created").check();
    await page.getByLabel("task.completed").check();
    const first = await addWebhook(page, url, "Invoicing");
    const card = page.getByTestId("webhook-item");
    await expect(card).toHaveCount(1);
    await expect(card.getByRole("heading", { name: url })).toBeVisible();
    await expect(card).toContainText("Invoicing");
    await expect(card).toContainText("task.created");
    await expect(card).toContainText("task.completed");
    await expect(card).not.toContainText("All events");
    await expect(card.getByText("Active", { exact: true })).toBeVisible();

    // Shown once: not after a reload, anywhere on the page.
    await page.reload();
    await expect(card.getByRole("heading", { name: url })).toBeVisible();
    expect(await page.content()).not.toContain(first);
    expect(await page.content()).not.toContain("whsec_");

    // Test event: a ping delivery is listed (queued; its status is whatever the service reports).
    await card.getByRole("button", { name: "Send test event" }).click();
    const rows = card.getByTestId("delivery-row");
    await expect(rows).toHaveCount(1);
    await expect(rows.first().getByRole("cell").first()).toHaveText("ping");
    await expect(rows.first()).toContainText(/Pending|Retrying|Succeeded|Failed/);
    // Its details open from the keyboard and show the event id and the Redeliver button.
    const details = rows.first().getByRole("button", { name: "Details" });
    await details.focus();
    await page.keyboard.press("Enter");
    await expect(details).toHaveAttribute("aria-expanded", "true");
    const detailsRow = card.locator(`#${await details.getAttribute("aria-controls")}`);
    await expect(detailsRow).toContainText(/evt_/);
    await detailsRow.getByRole("button", { name: "Redeliver" }).click();
    await expect(detailsRow.getByRole("button", { name: "Redeliver" })).toBeEnabled();
    await expect(page.getByText("The delivery was not queued again")).toHaveCount(0);
    await expect(rows).toHaveCount(1); // the same delivery again, not a new one

    // Rotate: confirmed, then a new secret shown once.
    await card.getByRole("button", { name: "Rotate secret" }).click();
    await page.getByRole("dialog", { name: "Rotate the signing secret?" }).getByRole("button", { name: "Rotate secret" }).click();
    const rotated = page.getByRole("dialog", { name: "New signing secret" });
    await expect(rotated).toBeVisible();
    const second = (await rotated.getByTestId("webhook-secret").textContent()) ?? "";
    expect(second).toMatch(SECRET);
    expect(second).not.toBe(first);
    await rotated.getByRole("button", { name: "Done" }).click();
    await expect(rotated).toBeHidden();
    await expect(card.getByRole("button", { name: "Rotate secret" })).toBeFocused();

    // Deactivate: the reason shows, no test event; activate again.
    await card.getByRole("button", { name: "Deactivate" }).click();
    await expect(card.getByTestId("webhook-deactivated")).toContainText("Deactivated:");
    await expect(card.getByText("Deactivated", { exact: true })).toBeVisible();
    await expect(card.getByRole("button", { name: "Send test event" })).toBeDisabled();
    await page.reload();
    await expect(card.getByTestId("webhook-deactivated")).toBeVisible();
    await card.getByRole("button", { name: "Activate" }).click();
    await expect(card.getByTestId("webhook-deactivated")).toHaveCount(0);
    await expect(card.getByText("Active", { exact: true })).toBeVisible();
    await expect(card.getByRole("button", { name: "Send test event" })).toBeEnabled();

    // Delete: confirmed; focus goes to the list's heading.
    await card.getByRole("button", { name: "Delete" }).click();
    await page.getByRole("dialog", { name: "Delete this webhook?" }).getByRole("button", { name: "Delete webhook" }).click();
    await expect(card).toHaveCount(0);
    await expect(page.getByText("No webhooks yet")).toBeVisible();
    await expect(page.getByRole("heading", { name: "Endpoints" })).toBeFocused();
    await page.reload();
    await expect(page.getByText("No webhooks yet")).toBeVisible();
  });

  test("the deliveries table shows what the sender sent and got: a test event received, a redelivery answered 500", async ({ page, user }) => {
    const receiver = await startWebhookReceiver({ port: e2e.webhookUiReceiverPort });
    try {
      await signIn(page, user);
      await page.goto("/settings/webhooks");
      const path = `/ui-${crypto.randomBytes(4).toString("hex")}`;
      receiver.setSecret(path, await addWebhook(page, receiver.url(path)));
      const card = page.getByTestId("webhook-item");

      await card.getByRole("button", { name: "Send test event" }).click();
      const row = card.getByTestId("delivery-row");
      // Refreshed by the page itself while the delivery is pending: no reload, no Refresh click.
      await expect(row).toHaveAttribute("data-status", "succeeded", { timeout: budget.background });
      expect(receiver.rejected).toEqual([]);
      const [ping] = receiver.deliveries(path);
      expect(ping.eventType).toBe("ping");
      await expect(row.getByRole("cell").nth(1)).toHaveText("Succeeded");
      await expect(row.getByRole("cell").nth(2)).toHaveText("1");
      await expect(row.getByRole("cell").nth(3)).toHaveText("200");
      await expect(row.getByRole("cell").nth(4)).toHaveText(/^\d+ ms$/);
      const details = row.getByRole("button", { name: "Details" });
      await details.click();
      const detailsRow = card.locator(`#${await details.getAttribute("aria-controls")}`);
      await expect(detailsRow).toContainText(ping.eventId);
      await expect(detailsRow).toContainText(`POST ${receiver.url(path)}`);
      await expect(detailsRow).toContainText("HTTP 200");

      // Redeliver, answered 500: the same event again, now retrying with the answer and the error shown.
      receiver.plan({ status: 500, body: "receiver is down for maintenance" });
      await detailsRow.getByRole("button", { name: "Redeliver" }).click();
      await expect(row).toHaveAttribute("data-status", "retrying", { timeout: budget.background });
      await expect(row.getByRole("cell").nth(3)).toHaveText("500");
      await expect(detailsRow).toContainText("receiver is down for maintenance");
      await expect(detailsRow.getByText("Last error")).toBeVisible();
      await expect(detailsRow.getByText("Next attempt")).toBeVisible();
      expect(receiver.deliveries(path).map((d) => [d.eventId, d.attempt, d.answered])).toEqual([
        [ping.eventId, 1, 200],
        [ping.eventId, 2, 500],
      ]);
      await expect(row).toHaveCount(1);
    } finally {
      await receiver.close();
    }
  });

  test("a URL that is not one, and no events, are field errors from the shared schema; focus goes to the first", async ({ page, user }) => {
    await signIn(page, user);
    await page.goto("/settings/webhooks");
    const urlField = page.getByLabel("Payload URL");
    await urlField.fill("not a url");
    await page.getByLabel("All events (and those added later)").uncheck();
    await page.getByRole("button", { name: "Add webhook" }).click();
    await expect(urlField).toHaveAttribute("aria-invalid", "true");
    await expect(urlField).toHaveAccessibleDescription(/Enter a full URL, like https:\/\/example\.com\/stint-webhook\./);
    await expect(urlField).toBeFocused();
    await expect(page.getByText("Choose at least one event (or * for all).")).toBeVisible();
    // Nothing was made.
    await page.reload();
    await expect(page.getByText("No webhooks yet")).toBeVisible();

    // Fixed: it is added, and the errors go.
    await urlField.fill("ftp://example.com/hook");
    await page.getByRole("button", { name: "Add webhook" }).click();
    await expect(urlField).toHaveAccessibleDescription(/must start with https:\/\/ or http:\/\//);
    await addWebhook(page, hookUrl());
    await expect(urlField).not.toHaveAttribute("aria-invalid");
    await expect(page.getByTestId("webhook-item")).toHaveCount(1);
  });

  test("a member of the workspace sees no Webhooks link and is refused at the URL; an owner's other workspace is theirs", async ({ page }) => {
    const [owner, memberUser] = await Promise.all([createUser("hook-owner"), createUser("hook-member")]);
    const [ownerRequest, memberRequest] = await Promise.all([signedIn(owner), signedIn(memberUser)]);
    const [workspace] = await myWorkspaces(ownerRequest);
    await join(ownerRequest, workspace.id, { request: memberRequest, email: memberUser.email }, "member");

    await signIn(page, memberUser);
    await switchWorkspace(page, workspace.name);
    await page.goto("/settings");
    await expect(page.getByRole("heading", { name: "API tokens" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Manage webhooks" })).toHaveCount(0);
    await expect(page.getByRole("heading", { name: "Webhooks" })).toHaveCount(0);

    await page.goto("/settings/webhooks");
    await expect(page.getByRole("heading", { level: 1, name: "Webhooks" })).toBeVisible();
    await expect(page.getByText("Webhooks are for the workspace's owners and admins")).toBeVisible();
    await expect(page.getByTestId("webhooks-refusal")).toContainText("your role in this workspace is member");
    await expect(page.getByLabel("Payload URL")).toHaveCount(0);

    // In the member's own workspace (they own it) the link is there.
    await switchWorkspace(page, `${memberUser.name}'s workspace`);
    await page.goto("/settings");
    await expect(page.getByRole("link", { name: "Manage webhooks" })).toBeVisible();
    await Promise.all([ownerRequest.dispose(), memberRequest.dispose()]);
  });

  test("at 375 px the page, the secret dialog, an endpoint and its opened delivery fit the screen", async ({ page, user }) => {
    await page.setViewportSize({ width: 375, height: 740 });
    await signIn(page, user);
    await page.goto("/settings/webhooks");
    await page.getByLabel("Payload URL").fill(`${hookUrl()}/a/rather/long/path/that/has/to/wrap/somewhere/on/a/phone`);
    await page.getByRole("button", { name: "Add webhook" }).click();
    const dialog = page.getByRole("dialog", { name: "Webhook added" });
    await expect(dialog.getByTestId("webhook-secret")).toHaveText(SECRET);
    const box = (await dialog.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(375);
    expect(await dialog.evaluate((d) => d.scrollWidth - d.clientWidth), "the dialog's content is wider than the dialog").toBeLessThanOrEqual(0);
    await dialog.getByRole("button", { name: "Done" }).click();

    const card = page.getByTestId("webhook-item");
    await card.getByRole("button", { name: "Send test event" }).click();
    await card.getByTestId("delivery-row").getByRole("button", { name: "Details" }).click();
    await expect(card.getByRole("button", { name: "Redeliver" })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  });

  test("deliveries come ten to a page, newest first, with Older and Newer", async ({ page, user }) => {
    await signIn(page, user);
    await page.goto("/settings/webhooks");
    await addWebhook(page, hookUrl());
    const card = page.getByTestId("webhook-item");
    const send = card.getByRole("button", { name: "Send test event" });
    const summary = card.getByText(/^\d+ deliver(y|ies)/);
    for (let n = 1; n <= 11; n++) {
      await send.click();
      await expect(summary).toHaveText(new RegExp(`^${n} deliver(y|ies)`));
    }
    const rows = card.getByTestId("delivery-row");
    await expect(summary).toHaveText("11 deliveries, newest first · page 1 of 2");
    await expect(rows).toHaveCount(10);
    const newest = await rows.first().locator("time").getAttribute("datetime");
    await expect(card.getByRole("button", { name: "Newer" })).toBeDisabled();
    await card.getByRole("button", { name: "Older" }).click();
    await expect(summary).toHaveText("11 deliveries, newest first · page 2 of 2");
    await expect(rows).toHaveCount(1);
    const oldest = await rows.first().locator("time").getAttribute("datetime");
    expect(Date.parse(oldest!)).toBeLessThanOrEqual(Date.parse(newest!));
    await expect(card.getByRole("button", { name: "Older" })).toBeDisabled();
    await card.getByRole("button", { name: "Newer" }).click();
    await expect(rows).toHaveCount(10);
  });
});
