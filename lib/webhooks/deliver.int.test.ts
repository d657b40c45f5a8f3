import { eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/db/testing";
import { webhookDeliveries, webhooks, type WebhookDelivery } from "@/db/schema";
import { claimDue } from "@/lib/delivery/claim";
import { startWorker } from "@/lib/integrations/sync/worker";
import { makeUser, type TestUser } from "@/lib/testing/users";
import { insertWebhook } from "@/lib/testing/webhooks";
import { APP_VERSION } from "@/lib/version";
import { signatureProblem, startWebhookReceiver, type WebhookReceiver } from "@/e2e/support/webhook-receiver";
import { deliverDueWebhooks, webhookQueue, type WebhookSenderOptions } from "./deliver";
import { emitEvent } from "./emit";

// The webhook sender against a real HTTP receiver that verifies signatures like a careful integrator would.

let t: TestDb;
let receiver: WebhookReceiver;
let user: TestUser;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.cleanup());
beforeEach(async () => {
  receiver = await startWebhookReceiver();
  user = await makeUser(t.db);
});
afterEach(() => receiver.close());

/** Short schedule, short timeout, no throttling: what these tests are about happens in milliseconds. */
const FAST: WebhookSenderOptions = {
  workerId: "w",
  timeoutMs: 1_000,
  retry: { kind: "schedule", stepsMs: [5, 5, 5] },
  rateLimit: { burst: 1_000, perSecond: 1_000 },
};

async function endpoint(path = "/hook", events?: string[]) {
  const { webhook, secret } = await insertWebhook(t.db, user.workspaceId, receiver.url(path), events);
  receiver.setSecret(path, secret);
  return { webhook, secret };
}

const entryCreated = (id: number) => emitEvent(t.db, user.workspaceId, "time_entry.created", { id, notes: `Entry ${id}`, duration_seconds: 60 });

async function deliveriesOf(webhookId: number): Promise<WebhookDelivery[]> {
  return t.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.webhookId, webhookId)).orderBy(webhookDeliveries.id);
}
/** Sends until none of the endpoint's deliveries waits for another attempt (retries a few ms apart). */
async function drain(webhookId: number, opts: WebhookSenderOptions = FAST) {
  await expect
    .poll(async () => {
      await deliverDueWebhooks(t.db, opts);
      return (await deliveriesOf(webhookId)).filter((d) => d.status === "pending" || d.status === "retrying").length;
    })
    .toBe(0);
}
const webhookRow = async (id: number) => (await t.db.select().from(webhooks).where(eq(webhooks.id, id)))[0];

describe("a delivery", () => {
  it("is POSTed once as signed JSON with the event's id and type, and recorded as succeeded with excerpts", async () => {
    const { webhook } = await endpoint();
    await entryCreated(41);
    expect(await deliverDueWebhooks(t.db, FAST)).toBe(1);

    const [got] = receiver.deliveries();
    expect(receiver.rejected).toEqual([]);
    expect(receiver.deliveries()).toHaveLength(1);
    expect(got.body).toMatchObject({ type: "time_entry.created", workspace_id: user.workspaceId, data: { id: 41, notes: "Entry 41", duration_seconds: 60 } });
    expect(got.body.id).toMatch(/^evt_/);
    expect(got.eventId).toBe(got.body.id);
    expect(got.eventType).toBe("time_entry.created");
    expect(new Date(got.body.created_at).toISOString()).toBe(got.body.created_at);
    expect(got.headers["content-type"]).toBe("application/json");
    expect(got.headers["user-agent"]).toBe(`Stint-Webhooks/${APP_VERSION}`);
    expect(Math.abs(got.timestamp - Date.now() / 1000)).toBeLessThan(60);

    const [d] = await deliveriesOf(webhook.id);
    expect(d).toMatchObject({ eventId: got.eventId, status: "succeeded", attempts: 1, responseStatus: 200, lastError: null, leaseOwner: null });
    expect(d.deliveredAt).not.toBeNull();
    expect(d.durationMs).toBeGreaterThanOrEqual(0);
    expect(d.requestExcerpt).toContain(`POST ${receiver.url()}`);
    expect(d.requestExcerpt).toContain(`Stint-Event-Id: ${got.eventId}`);
    expect(d.requestExcerpt).toContain('"notes":"Entry 41"');
    expect(d.responseExcerpt).toBe("HTTP 200\n\nok");
    // Nothing left to do.
    expect(await deliverDueWebhooks(t.db, FAST)).toBe(0);
  });

  it("carries a signature that verifies only with the endpoint's secret and the exact body", async () => {
    const { secret } = await endpoint();
    await entryCreated(1);
    await deliverDueWebhooks(t.db, FAST);
    const [got] = receiver.deliveries();
    const raw = JSON.stringify(got.body);
    const header = String(got.headers["stint-signature"]);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(signatureProblem(header, raw, secret)).toBeNull();
    expect(signatureProblem(header, raw.replace("Entry 1", "Entry 2"), secret)).toBe("signature does not match");
    expect(signatureProblem(header, raw, `${secret}x`)).toBe("signature does not match");
    expect(signatureProblem(header, raw, secret, Date.now() + 6 * 60_000)).toMatch(/replay window/);
  });

  it("a receiver that refuses the signature (wrong secret) gets it again later: nothing counts as delivered", async () => {
    const { webhook } = await endpoint();
    receiver.setSecret("/hook", "whsec_not-the-one");
    await entryCreated(1);
    await deliverDueWebhooks(t.db, { ...FAST, retry: { kind: "schedule", stepsMs: [60_000] } });
    expect(receiver.rejected).toEqual([{ path: "/hook", reason: "signature does not match" }]);
    expect(await deliveriesOf(webhook.id)).toMatchObject([{ status: "retrying", attempts: 1, responseStatus: 400, lastError: "HTTP 400 from the endpoint." }]);
  });
});

describe("retries", () => {
  it("after a 500 the same event id comes again, and success clears the endpoint's failing_since", async () => {
    const { webhook } = await endpoint();
    receiver.plan({ status: 500, body: "boom" });
    await entryCreated(7);
    await deliverDueWebhooks(t.db, { ...FAST, retry: { kind: "schedule", stepsMs: [60_000] } });
    const [first] = await deliveriesOf(webhook.id);
    expect(first).toMatchObject({ status: "retrying", attempts: 1, responseStatus: 500, lastError: "HTTP 500 from the endpoint.", responseExcerpt: "HTTP 500\n\nboom" });
    expect(first.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 50_000);
    expect((await webhookRow(webhook.id)).failingSince).not.toBeNull();

    await t.db.update(webhookDeliveries).set({ nextAttemptAt: new Date() }).where(eq(webhookDeliveries.id, first.id));
    await deliverDueWebhooks(t.db, FAST);
    expect(receiver.deliveries().map((d) => [d.eventId, d.attempt, d.answered])).toEqual([
      [first.eventId, 1, 500],
      [first.eventId, 2, 200],
    ]);
    expect(await deliveriesOf(webhook.id)).toMatchObject([{ status: "succeeded", attempts: 2, responseStatus: 200, lastError: null }]);
    expect((await webhookRow(webhook.id)).failingSince).toBeNull();
  });

  it("no answer within the timeout counts as a failure and is retried", async () => {
    const { webhook } = await endpoint();
    receiver.plan({ hang: true });
    await entryCreated(8);
    await drain(webhook.id, { ...FAST, timeoutMs: 200 });
    const [d] = await deliveriesOf(webhook.id);
    expect(d).toMatchObject({ status: "succeeded", attempts: 2 });
    expect(receiver.deliveries().map((r) => [r.attempt, r.answered])).toEqual([
      [1, "no answer"],
      [2, 200],
    ]);
    // The first attempt's record, seen on one that is left retrying:
    receiver.plan({ hang: true });
    await entryCreated(9);
    await deliverDueWebhooks(t.db, { ...FAST, timeoutMs: 200, retry: { kind: "schedule", stepsMs: [60_000] } });
    const [, second] = await deliveriesOf(webhook.id);
    expect(second).toMatchObject({ status: "retrying", attempts: 1, responseStatus: null, lastError: "Timed out: no answer within 0.2 s." });
    expect(second.durationMs).toBeGreaterThanOrEqual(150);
  });

  it("an endpoint that does not answer holds up only one attempt: its other deliveries of the round are put back, unattempted", async () => {
    const { webhook } = await endpoint();
    receiver.plan({ hang: true }, { hang: true }, { hang: true });
    for (let i = 0; i < 3; i++) await entryCreated(70 + i);
    const before = Date.now();
    expect(await deliverDueWebhooks(t.db, { ...FAST, timeoutMs: 200, retry: { kind: "schedule", stepsMs: [60_000] } })).toBe(1);
    expect(receiver.deliveries()).toHaveLength(1);
    const rows = await deliveriesOf(webhook.id);
    expect(rows.map((d) => [d.status, d.attempts, d.leaseOwner]).sort()).toEqual([
      ["pending", 0, null],
      ["pending", 0, null],
      ["retrying", 1, null],
    ]);
    for (const d of rows) expect(d.nextAttemptAt.getTime()).toBeGreaterThan(before + 50_000);
  });

  it("Retry-After of a 503 is honoured (beyond the step); a 429 also pauses the whole endpoint", async () => {
    const { webhook } = await endpoint();
    receiver.plan({ status: 503, retryAfter: "120" });
    await entryCreated(10);
    const before = Date.now();
    await deliverDueWebhooks(t.db, { ...FAST, retry: { kind: "schedule", stepsMs: [5], maxRetryAfterMs: 3_600_000 } });
    const [d] = await deliveriesOf(webhook.id);
    expect(d).toMatchObject({ status: "retrying", attempts: 1, responseStatus: 503 });
    expect(d.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(before + 119_000);
    expect(await deliverDueWebhooks(t.db, FAST)).toBe(0);
    expect(receiver.deliveries()).toHaveLength(1);

    receiver.plan({ status: 429, retryAfter: "300" });
    await entryCreated(11);
    await deliverDueWebhooks(t.db, { ...FAST, retry: { kind: "schedule", stepsMs: [5], maxRetryAfterMs: 3_600_000 } });
    expect((await webhookRow(webhook.id)).blockedUntil!.getTime()).toBeGreaterThanOrEqual(before + 299_000);
    // Another event to the paused endpoint waits too.
    await entryCreated(12);
    expect(await deliverDueWebhooks(t.db, FAST)).toBe(0);
    expect(receiver.deliveries()).toHaveLength(2);
  });

  it("after the last step of the schedule the delivery has failed, every attempt with the same event id", async () => {
    const { webhook } = await endpoint();
    receiver.plan({ status: 500 }, { status: 502 }, { status: 500 }, { status: 504 });
    await entryCreated(13);
    await drain(webhook.id);
    const [d] = await deliveriesOf(webhook.id);
    expect(d).toMatchObject({ status: "failed", attempts: 4, responseStatus: 504, lastError: "HTTP 504 from the endpoint." });
    expect(receiver.deliveries().map((r) => r.attempt)).toEqual([1, 2, 3, 4]);
    expect(receiver.eventIds().size).toBe(1);
    expect(await deliverDueWebhooks(t.db, FAST)).toBe(0);
  });

  it("a 3xx is a failure: redirects are not followed", async () => {
    const { webhook } = await endpoint();
    receiver.plan({ status: 302 });
    await entryCreated(14);
    await deliverDueWebhooks(t.db, { ...FAST, retry: { kind: "schedule", stepsMs: [60_000] } });
    expect(await deliveriesOf(webhook.id)).toMatchObject([{ status: "retrying", responseStatus: 302, lastError: "HTTP 302: redirects are not followed." }]);
  });
});

describe("refusals before anything is sent", () => {
  it("a loopback endpoint is refused without STINT_ALLOW_PRIVATE_URLS: the attempt fails with the reason, nothing arrives", async () => {
    const { webhook } = await endpoint();
    await entryCreated(60);
    await deliverDueWebhooks(t.db, { ...FAST, allowPrivate: false, retry: { kind: "schedule", stepsMs: [60_000] } });
    const [d] = await deliveriesOf(webhook.id);
    expect(d).toMatchObject({ status: "retrying", attempts: 1, responseStatus: null });
    expect(d.lastError).toMatch(/^127\.0\.0\.1 is a private, loopback or link-local address/);
    expect(receiver.deliveries()).toHaveLength(0);
  });

  it("a secret that does not decrypt sends nothing unsigned and says so", async () => {
    const { webhook } = await endpoint();
    const other = await endpoint("/other");
    // Sealed for another row: it does not open for this one.
    await t.db.update(webhooks).set({ secret: other.webhook.secret }).where(eq(webhooks.id, webhook.id));
    await emitEvent(t.db, user.workspaceId, "ping", { ok: true });
    await deliverDueWebhooks(t.db, { ...FAST, retry: { kind: "schedule", stepsMs: [60_000] } });
    expect(await deliveriesOf(webhook.id)).toMatchObject([{ status: "retrying", attempts: 1, lastError: expect.stringMatching(/secret could not be decrypted/) }]);
    expect(receiver.deliveries().map((d) => d.path)).toEqual(["/other"]);
  });
});

describe("the endpoint's health", () => {
  it("an endpoint failing for more than 3 days is deactivated with the reason; its pending deliveries wait", async () => {
    const { webhook } = await endpoint();
    receiver.plan({ status: 500 });
    await entryCreated(20);
    await deliverDueWebhooks(t.db, { ...FAST, retry: { kind: "schedule", stepsMs: [60_000] } });
    expect(await webhookRow(webhook.id)).toMatchObject({ active: true, deactivatedReason: null });

    // Three days and a bit later, still failing.
    await t.db.update(webhooks).set({ failingSince: sql`now() - interval '3 days 1 minute'` }).where(eq(webhooks.id, webhook.id));
    await t.db.update(webhookDeliveries).set({ nextAttemptAt: new Date() }).where(eq(webhookDeliveries.webhookId, webhook.id));
    receiver.plan({ status: 500 });
    await deliverDueWebhooks(t.db, { ...FAST, retry: { kind: "schedule", stepsMs: [60_000] } });
    const row = await webhookRow(webhook.id);
    expect(row).toMatchObject({ active: false, deactivatedReason: "Deliveries failed for 3 days: HTTP 500 from the endpoint." });
    expect(row.deactivatedAt).not.toBeNull();

    // Due again, but the endpoint is inactive: nothing is sent.
    await t.db.update(webhookDeliveries).set({ nextAttemptAt: new Date() }).where(eq(webhookDeliveries.webhookId, webhook.id));
    expect(await deliverDueWebhooks(t.db, FAST)).toBe(0);
    expect(receiver.deliveries()).toHaveLength(2);
  });

  it("an inactive endpoint's pending delivery is not sent, and goes out once it is active again", async () => {
    const { webhook } = await endpoint();
    await entryCreated(21);
    await t.db.update(webhooks).set({ active: false }).where(eq(webhooks.id, webhook.id));
    expect(await deliverDueWebhooks(t.db, FAST)).toBe(0);
    expect(await deliveriesOf(webhook.id)).toMatchObject([{ status: "pending", attempts: 0 }]);
    expect(receiver.deliveries()).toHaveLength(0);

    await t.db.update(webhooks).set({ active: true }).where(eq(webhooks.id, webhook.id));
    expect(await deliverDueWebhooks(t.db, FAST)).toBe(1);
    expect(receiver.deliveries()).toHaveLength(1);
  });

  it("the endpoint's token bucket holds back what exceeds it, without counting an attempt", async () => {
    const { webhook } = await endpoint();
    for (let i = 0; i < 4; i++) await entryCreated(30 + i);
    const before = Date.now();
    expect(await deliverDueWebhooks(t.db, { ...FAST, rateLimit: { burst: 2, perSecond: 0.1 } })).toBe(2);
    const rows = await deliveriesOf(webhook.id);
    expect(rows.filter((d) => d.status === "succeeded")).toHaveLength(2);
    const waiting = rows.filter((d) => d.status === "pending");
    expect(waiting).toHaveLength(2);
    for (const d of waiting) {
      expect(d).toMatchObject({ attempts: 0, leaseOwner: null });
      expect(d.nextAttemptAt.getTime()).toBeGreaterThan(before + 2_000);
    }
  });
});

describe("exactly one sender per delivery", () => {
  it("three workers claiming side by side never send one delivery twice (SKIP LOCKED)", async () => {
    await endpoint("/a");
    await endpoint("/b");
    for (let i = 0; i < 40; i++) await entryCreated(100 + i);
    const sent = await Promise.all(["x", "y", "z"].map((workerId) => deliverDueWebhooks(t.db, { ...FAST, workerId, batch: 3 })));
    expect(sent.reduce((a, b) => a + b, 0)).toBe(80);
    expect(receiver.deliveries()).toHaveLength(80);
    expect(receiver.deliveries().every((d) => d.attempt === 1)).toBe(true);
    expect(receiver.eventIds("/a").size).toBe(40);
    expect(receiver.eventIds("/b")).toEqual(receiver.eventIds("/a"));
  });

  it("an event committed while no worker runs is delivered exactly once by a worker started later", async () => {
    const { webhook } = await endpoint();
    await t.db.transaction(async (tx) => {
      await emitEvent(tx as never, user.workspaceId, "project.created", { id: 5, name: "Committed before any worker" });
    });
    expect(receiver.deliveries()).toHaveLength(0);
    const worker = startWorker(t.db, { idleMs: 10, webhooks: FAST });
    try {
      await expect.poll(async () => (await deliveriesOf(webhook.id))[0].status).toBe("succeeded");
    } finally {
      await worker.stop();
    }
    expect(receiver.deliveries().map((d) => [d.eventType, d.body.data.name, d.attempt])).toEqual([["project.created", "Committed before any worker", 1]]);
  });

  it("a delivery leased by a worker that died is claimed again once the lease runs out", async () => {
    const { webhook } = await endpoint();
    await entryCreated(50);
    const [claimed] = await claimDue(t.db, webhookQueue, { workerId: "doomed", limit: 5 });
    expect(claimed).toMatchObject({ webhookId: webhook.id, leaseOwner: "doomed" });
    // The doomed worker never comes back; while its lease holds, nobody else sends.
    expect(await deliverDueWebhooks(t.db, FAST)).toBe(0);
    await t.db.update(webhookDeliveries).set({ leaseUntil: sql`now() - interval '1 second'` }).where(eq(webhookDeliveries.id, claimed.id));
    expect(await deliverDueWebhooks(t.db, FAST)).toBe(1);
    expect(await deliveriesOf(webhook.id)).toMatchObject([{ status: "succeeded", attempts: 1, leaseOwner: null }]);
    expect(receiver.deliveries()).toHaveLength(1);
  });
});
