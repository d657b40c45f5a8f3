import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { webhookDeliveries, webhookEvents, webhooks } from "@/db/schema";
import { createTestDb, type TestDb } from "@/db/testing";
import { open } from "@/lib/crypto/secret-box";
import { AppError } from "@/lib/errors";
import { memberIn } from "@/lib/testing/members";
import { makeUser, type TestUser } from "@/lib/testing/users";
import { emitEvent } from "./emit";
import type { CreateWebhookInput } from "./schema";
import {
  createWebhook,
  deleteWebhook,
  getWebhookOrThrow,
  listDeliveries,
  listWebhooks,
  MAX_WEBHOOKS_PER_WORKSPACE,
  redeliver,
  rotateWebhookSecret,
  sendTestEvent,
  serializeDelivery,
  serializeWebhook,
  updateWebhook,
} from "./service";

let t: TestDb;
let owner: TestUser;
beforeAll(async () => {
  t = await createTestDb();
  owner = await makeUser(t.db);
});
afterAll(() => t.cleanup());

const HOOK: CreateWebhookInput = { url: "https://hooks.example.com/stint", events: ["time_entry.created"] };

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const storedRow = async (id: number) => (await t.db.select().from(webhooks).where(eq(webhooks.id, id)))[0];

describe("creating and reading", () => {
  it("answers the secret once; the column holds it sealed to the row, never in clear", async () => {
    const { webhook, secret } = await createWebhook(t.db, owner.actor, { ...HOOK, events: ["project.created", "*", "project.created"], description: " CRM sync " });
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(webhook).not.toHaveProperty("secret");
    expect(serializeWebhook(webhook)).toEqual({
      id: webhook.id,
      url: HOOK.url,
      events: ["project.created", "*"],
      active: true,
      description: "CRM sync",
      deactivated_reason: null,
      created_at: webhook.createdAt.toISOString(),
    });
    const row = await storedRow(webhook.id);
    expect(row.secret).not.toContain(secret);
    expect(row.secret).not.toContain(secret.slice("whsec_".length));
    expect(open(row.secret, `webhook:${webhook.id}`)).toBe(secret);
    // Bound to its row: opened as another webhook's, it fails.
    expect(() => open(row.secret, `webhook:${webhook.id + 1}`)).toThrow();
    // Reads never hand out the sealed value either.
    expect(await getWebhookOrThrow(t.db, owner.actor, webhook.id)).not.toHaveProperty("secret");
    expect((await listWebhooks(t.db, owner.actor)).map((w) => w.id)).toContain(webhook.id);
  });

  it("refuses bad input with field errors", async () => {
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ ...HOOK, url: "ftp://example.com/x" }, "url", /https:\/\/ or http:\/\//],
      [{ ...HOOK, url: "not a url" }, "url", /full URL/],
      [{ ...HOOK, url: `https://example.com/${"a".repeat(2000)}` }, "url", /2000/],
      [{ ...HOOK, url: "https://user:pw@example.com/" }, "url", /password/],
      [{ ...HOOK, events: [] }, "events", /at least one/],
      [{ ...HOOK, events: ["time_entry.exploded"] }, "events.0", /must be one of/],
      [{ ...HOOK, events: "*" }, "events", /list/],
      [{ ...HOOK, description: "x".repeat(501) }, "description", /500/],
    ];
    for (const [input, field, message] of cases) {
      const error = await refusal(createWebhook(t.db, owner.actor, input as never));
      expect(error.code).toBe("validation_error");
      expect(error.details.fields?.[field]?.[0]).toMatch(message);
    }
  });

  it("refuses loopback, private and link-local hosts spelled out in the URL unless private URLs are allowed", async () => {
    const noPrivate = { allowPrivate: false };
    for (const url of ["http://localhost:3150/hook", "http://api.localhost/", "http://127.0.0.1/", "http://[::1]/", "http://10.1.2.3/", "http://169.254.169.254/latest", "http://192.168.0.10/", "http://2130706433/", "http://[::ffff:127.0.0.1]/"]) {
      const error = await refusal(createWebhook(t.db, owner.actor, { ...HOOK, url }, noPrivate));
      expect(error.details.fields?.url?.[0], url).toMatch(/loopback, private or link-local/);
    }
    const { webhook } = await createWebhook(t.db, owner.actor, { ...HOOK, url: "https://93.184.215.14/hook" }, noPrivate);
    expect((await refusal(updateWebhook(t.db, owner.actor, webhook.id, { url: "http://127.0.0.1:9/" }, noPrivate))).details.fields?.url?.[0]).toMatch(/127\.0\.0\.1/);
    expect((await updateWebhook(t.db, owner.actor, webhook.id, { url: "http://127.0.0.1:3150/" }, { allowPrivate: true })).url).toBe("http://127.0.0.1:3150/");
    await deleteWebhook(t.db, owner.actor, webhook.id);
  });
});

describe("changing", () => {
  it("updates what was sent; active:true re-activates and forgets why it was deactivated", async () => {
    const { webhook } = await createWebhook(t.db, owner.actor, HOOK);
    const changed = await updateWebhook(t.db, owner.actor, webhook.id, { events: ["task.completed", "task.completed"], description: "tasks" });
    expect(serializeWebhook(changed)).toMatchObject({ url: HOOK.url, events: ["task.completed"], description: "tasks", active: true });
    const paused = await updateWebhook(t.db, owner.actor, webhook.id, { active: false });
    expect(paused.active).toBe(false);
    expect(paused.deactivatedAt).not.toBeNull();
    // What the delivery engine does after 3 days of failures.
    await t.db.update(webhooks).set({ deactivatedReason: "Every delivery failed for 3 days.", failingSince: new Date() }).where(eq(webhooks.id, webhook.id));
    expect(serializeWebhook(await getWebhookOrThrow(t.db, owner.actor, webhook.id)).deactivated_reason).toBe("Every delivery failed for 3 days.");
    const back = await updateWebhook(t.db, owner.actor, webhook.id, { active: true });
    expect(back).toMatchObject({ active: true, deactivatedReason: null, deactivatedAt: null, failingSince: null });
    // An empty change changes nothing.
    expect(serializeWebhook(await updateWebhook(t.db, owner.actor, webhook.id, {}))).toEqual(serializeWebhook(back));
  });

  it("rotating gives a new secret and the old one is gone from the row", async () => {
    const { webhook, secret } = await createWebhook(t.db, owner.actor, HOOK);
    const rotated = await rotateWebhookSecret(t.db, owner.actor, webhook.id);
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(secret);
    expect(rotated.webhook.id).toBe(webhook.id);
    expect(open((await storedRow(webhook.id)).secret, `webhook:${webhook.id}`)).toBe(rotated.secret);
  });

  it("deleting takes the endpoint's deliveries with it", async () => {
    const { webhook } = await createWebhook(t.db, owner.actor, HOOK);
    const delivery = await sendTestEvent(t.db, owner.actor, webhook.id);
    await deleteWebhook(t.db, owner.actor, webhook.id);
    expect(await t.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, delivery.id))).toEqual([]);
    expect((await refusal(getWebhookOrThrow(t.db, owner.actor, webhook.id))).code).toBe("not_found");
    expect((await refusal(deleteWebhook(t.db, owner.actor, webhook.id))).message).toBe("Webhook not found.");
  });
});

describe("test events, deliveries and redelivery", () => {
  it("a ping goes to this endpoint only, due now, whatever the endpoint subscribes to", async () => {
    const { webhook } = await createWebhook(t.db, owner.actor, { ...HOOK, events: ["client.deleted"] });
    const other = await createWebhook(t.db, owner.actor, { ...HOOK, events: ["*"] });
    const before = Date.now();
    const delivery = await sendTestEvent(t.db, owner.actor, webhook.id);
    expect(delivery).toMatchObject({ webhookId: webhook.id, status: "pending", attempts: 0, event: "ping" });
    expect(delivery.nextAttemptAt.getTime()).toBeLessThanOrEqual(Date.now());
    expect(delivery.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    const [event] = await t.db.select().from(webhookEvents).where(eq(webhookEvents.id, delivery.eventId));
    expect(event).toMatchObject({ type: "ping", workspaceId: owner.workspaceId, data: { webhook_id: webhook.id, message: expect.stringMatching(/test event/) } });
    expect(await t.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.eventId, event.id))).toHaveLength(1);
    expect((await listDeliveries(t.db, owner.actor, other.webhook.id, { page: 1, per_page: 50 })).total).toBe(0);
    // A paused endpoint is not pinged.
    await updateWebhook(t.db, owner.actor, webhook.id, { active: false });
    expect((await refusal(sendTestEvent(t.db, owner.actor, webhook.id))).code).toBe("conflict");
  });

  it("lists deliveries newest first with their event, filtered by status and paged", async () => {
    const { webhook } = await createWebhook(t.db, owner.actor, { ...HOOK, events: ["*"] });
    const ping = await sendTestEvent(t.db, owner.actor, webhook.id);
    await emitEvent(t.db, owner.workspaceId, "client.created", { id: 1, name: "Acme" });
    await t.db.update(webhookDeliveries).set({ status: "failed", attempts: 7, responseStatus: 500, lastError: "HTTP 500" }).where(eq(webhookDeliveries.id, ping.id));
    const all = await listDeliveries(t.db, owner.actor, webhook.id, { page: 1, per_page: 50 });
    expect(all.total).toBe(2);
    expect(all.deliveries.map((d) => d.event)).toEqual(["client.created", "ping"]);
    const failed = await listDeliveries(t.db, owner.actor, webhook.id, { page: 1, per_page: 50, status: "failed" });
    expect(failed.deliveries.map(serializeDelivery)).toEqual([
      {
        id: ping.id,
        event_id: ping.eventId,
        event: "ping",
        status: "failed",
        attempts: 7,
        response_status: 500,
        duration_ms: null,
        next_attempt_at: null,
        created_at: ping.createdAt.toISOString(),
        request_excerpt: null,
        response_excerpt: null,
        last_error: "HTTP 500",
      },
    ]);
    const second = await listDeliveries(t.db, owner.actor, webhook.id, { page: 2, per_page: 1 });
    expect(second).toMatchObject({ total: 2, deliveries: [{ id: ping.id }] });
    expect((await refusal(listDeliveries(t.db, owner.actor, webhook.id, { page: 1, per_page: 50, status: "lost" as never }))).details.fields?.status).toBeDefined();
  });

  it("redelivery queues the same event now, pending, attempts kept", async () => {
    const { webhook } = await createWebhook(t.db, owner.actor, HOOK);
    const ping = await sendTestEvent(t.db, owner.actor, webhook.id);
    const later = new Date(Date.now() + 3_600_000);
    await t.db.update(webhookDeliveries).set({ status: "failed", attempts: 7, nextAttemptAt: later }).where(eq(webhookDeliveries.id, ping.id));
    const again = await redeliver(t.db, owner.actor, webhook.id, ping.id);
    expect(again).toMatchObject({ id: ping.id, eventId: ping.eventId, status: "pending", attempts: 7, event: "ping" });
    expect(again.nextAttemptAt.getTime()).toBeLessThanOrEqual(Date.now());
    // A delivery of another endpoint is not found through this one.
    const other = await createWebhook(t.db, owner.actor, HOOK);
    expect((await refusal(redeliver(t.db, owner.actor, other.webhook.id, ping.id))).message).toBe("Delivery not found.");
  });
});

describe("who may", () => {
  it("owners and admins; managers and members are refused, with no row touched", async () => {
    const { webhook } = await createWebhook(t.db, owner.actor, HOOK);
    const admin = await memberIn(t.db, owner.workspaceId, (await makeUser(t.db)).id, "admin");
    expect((await getWebhookOrThrow(t.db, admin, webhook.id)).id).toBe(webhook.id);
    const made = await createWebhook(t.db, admin, HOOK);
    await deleteWebhook(t.db, admin, made.webhook.id);
    for (const role of ["manager", "member"] as const) {
      const actor = await memberIn(t.db, owner.workspaceId, (await makeUser(t.db)).id, role);
      for (const call of [
        () => listWebhooks(t.db, actor),
        () => getWebhookOrThrow(t.db, actor, webhook.id),
        () => createWebhook(t.db, actor, HOOK),
        () => updateWebhook(t.db, actor, webhook.id, { active: false }),
        () => rotateWebhookSecret(t.db, actor, webhook.id),
        () => sendTestEvent(t.db, actor, webhook.id),
        () => listDeliveries(t.db, actor, webhook.id, { page: 1, per_page: 50 }),
        () => redeliver(t.db, actor, webhook.id, 1),
        () => deleteWebhook(t.db, actor, webhook.id),
      ]) {
        const error = await refusal(call());
        expect(error.code).toBe("forbidden");
        expect(error.message).toMatch(new RegExp(`webhooks .*: your role in this workspace is ${role}\\.$`));
      }
    }
    expect((await storedRow(webhook.id)).active).toBe(true);
  });

  it("another workspace's webhook and deliveries are not found", async () => {
    const { webhook } = await createWebhook(t.db, owner.actor, HOOK);
    const ping = await sendTestEvent(t.db, owner.actor, webhook.id);
    const stranger = await makeUser(t.db);
    for (const call of [
      () => getWebhookOrThrow(t.db, stranger.actor, webhook.id),
      () => updateWebhook(t.db, stranger.actor, webhook.id, { active: false }),
      () => rotateWebhookSecret(t.db, stranger.actor, webhook.id),
      () => sendTestEvent(t.db, stranger.actor, webhook.id),
      () => listDeliveries(t.db, stranger.actor, webhook.id, { page: 1, per_page: 50 }),
      () => redeliver(t.db, stranger.actor, webhook.id, ping.id),
      () => deleteWebhook(t.db, stranger.actor, webhook.id),
    ]) {
      const error = await refusal(call());
      expect(error.code).toBe("not_found");
      expect(error.message).toBe("Webhook not found.");
    }
    expect(await listWebhooks(t.db, stranger.actor)).toEqual([]);
    // The stranger's own webhook cannot redeliver the owner's delivery either.
    const theirs = await createWebhook(t.db, stranger.actor, HOOK);
    expect((await refusal(redeliver(t.db, stranger.actor, theirs.webhook.id, ping.id))).message).toBe("Delivery not found.");
    expect((await storedRow(webhook.id)).active).toBe(true);
  });
});

it(`a workspace has at most ${MAX_WEBHOOKS_PER_WORKSPACE} webhooks, even when created at once`, async () => {
  const solo = await makeUser(t.db);
  const results = await Promise.allSettled(Array.from({ length: MAX_WEBHOOKS_PER_WORKSPACE + 3 }, () => createWebhook(t.db, solo.actor, HOOK)));
  expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(MAX_WEBHOOKS_PER_WORKSPACE);
  const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
  expect(refused).toHaveLength(3);
  for (const r of refused) {
    expect(r.reason).toBeInstanceOf(AppError);
    expect(r.reason.code).toBe("conflict");
    expect(r.reason.message).toBe(`A workspace can have at most ${MAX_WEBHOOKS_PER_WORKSPACE} webhooks: delete one you no longer use first.`);
  }
  expect(await listWebhooks(t.db, solo.actor)).toHaveLength(MAX_WEBHOOKS_PER_WORKSPACE);
});
