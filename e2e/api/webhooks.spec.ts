import type { APIRequestContext } from "@playwright/test";
import { createUser, type TestUser } from "../fixtures";
import { runCli } from "../support/cli";
import { e2e, e2eDatabaseUrl } from "../support/config";
import { api, expect, mintToken, newActor, ops, setupContext, test, type Actor, type Api } from "./api-fixtures";

// The webhooks API with tokens: owners and admins of a workspace manage its endpoints (read:webhooks,
// write:webhooks); the secret is answered once; a test ping and the events of changes queue deliveries;
// other workspaces' ids are 404; bad input is a 400 in the one error shape. (Sending the deliveries is
// the delivery engine's: here they are only queued, so nothing needs to listen at the URL.)

const URL_A = "https://hooks.example.com/stint";
const URL_B = "https://hooks.example.org/other";

let owner: Actor;
let client: Api;
let setup: APIRequestContext;
test.beforeAll(async () => {
  owner = await newActor("hooks");
  setup = await setupContext();
  client = api(setup, owner.token);
});
test.afterAll(() => setup?.dispose());

async function cli(args: string[]): Promise<string> {
  const run = await runCli(args, { dataDir: e2e.dataDir!, databaseUrl: e2eDatabaseUrl() });
  if (run.code !== 0) throw new Error(`stint ${args.join(" ")} failed (${run.code}): ${run.stderr}`);
  return run.stdout;
}

test("create, read, change, rotate, test, list deliveries, redeliver and delete through the API", async () => {
  const created = await client.ok("createWebhook", { body: { url: URL_A, events: ["project.created", "ping", "project.created"], description: "CRM" } });
  expect(created).toEqual({
    webhook: { id: expect.any(Number), url: URL_A, events: ["project.created", "ping"], active: true, description: "CRM", deactivated_reason: null, created_at: expect.any(String) },
    secret: expect.stringMatching(/^whsec_[A-Za-z0-9_-]{43}$/),
  });
  const id = created.webhook.id;
  // The secret is never answered again.
  const listed = await client.ok("listWebhooks");
  expect(listed.webhooks).toEqual([created.webhook]);
  expect(JSON.stringify(listed)).not.toContain(created.secret);
  expect(await client.ok("getWebhook", { id })).toEqual({ webhook: created.webhook });

  const patched = await client.ok("patchWebhook", { id, body: { url: URL_B, events: ["*"], description: "" } });
  expect(patched).toEqual({ message: "Webhook updated", webhook: { ...created.webhook, url: URL_B, events: ["*"], description: "" } });
  const paused = await client.ok("patchWebhook", { id, body: { active: false } });
  expect(paused.webhook.active).toBe(false);
  const pausedPing = await client.fail("testWebhook", { id }, 409, "conflict");
  expect(pausedPing.body.message).toMatch(/not active/);
  expect((await client.ok("patchWebhook", { id, body: { active: true } })).webhook.active).toBe(true);

  const rotated = await client.ok("rotateWebhookSecret", { id });
  expect(rotated.webhook).toEqual(patched.webhook);
  expect(rotated.secret).toMatch(/^whsec_/);
  expect(rotated.secret).not.toBe(created.secret);

  const { delivery } = await client.ok("testWebhook", { id });
  expect(delivery).toMatchObject({ event: "ping", event_id: expect.stringMatching(/^evt_/), status: "pending", attempts: 0, response_status: null });
  expect(Date.parse(delivery.next_attempt_at!)).toBeLessThanOrEqual(Date.now() + 1000);

  // A change of the workspace raises its event for the endpoint (subscribed to *), in its API shape.
  const project = (await client.ok("createProject", { body: { name: "Hooked project" } })).project;
  const deliveries = await client.ok("listWebhookDeliveries", { id });
  expect(deliveries.pagination).toMatchObject({ page: 1, per_page: 50, total: 2 });
  expect(deliveries.deliveries.map((d) => d.event)).toEqual(["project.created", "ping"]);
  const paged = await client.ok("listWebhookDeliveries", { id, query: { page: 2, per_page: 1 } });
  expect(paged).toMatchObject({ pagination: { page: 2, per_page: 1, total: 2, has_prev: true, has_next: false }, deliveries: [{ id: delivery.id }] });
  // By status (whichever state the sender has brought them to by now): each list holds only its status, and
  // every delivery is in one of them. The sender works meanwhile, and a delivery only moves forward in this
  // order (pending, retrying, then succeeded or failed), so one counted as pending may be counted again as
  // retrying or failed a moment later (CI once saw 3): the lists' ids together are the two deliveries.
  const seen = new Set<number>();
  for (const status of ["pending", "retrying", "succeeded", "failed"] as const) {
    const some = await client.ok("listWebhookDeliveries", { id, query: { status } });
    expect(some.deliveries.every((d) => d.status === status)).toBe(true);
    for (const d of some.deliveries) seen.add(d.id);
  }
  expect([...seen].sort((a, b) => a - b)).toEqual(deliveries.deliveries.map((d) => d.id).sort((a, b) => a - b));
  expect(project.name).toBe("Hooked project");

  const again = await client.ok("redeliverWebhookDelivery", { id, params: { delivery_id: delivery.id } });
  expect(again.delivery).toMatchObject({ id: delivery.id, event_id: delivery.event_id, event: "ping", status: "pending" });
  await client.fail("redeliverWebhookDelivery", { id, params: { delivery_id: 2_000_000_000 } }, 404, "not_found");

  expect(await client.ok("deleteWebhook", { id })).toEqual({ message: "Webhook deleted, with its deliveries." });
  await client.fail("getWebhook", { id }, 404, "not_found");
  await client.fail("listWebhookDeliveries", { id }, 404, "not_found");
  expect((await client.ok("listWebhooks")).webhooks).toEqual([]);
});

test("scopes: read:webhooks reads but cannot write, write:webhooks writes but cannot read, others neither", async () => {
  const { webhook } = await client.ok("createWebhook", { body: { url: URL_A, events: ["client.created"] } });
  const reader = api(client.request, (await mintToken(owner, ["read:webhooks"])).token);
  const writer = api(client.request, (await mintToken(owner, ["write:webhooks"])).token);
  const other = api(client.request, (await mintToken(owner, ["read:projects", "write:projects"])).token);

  expect((await reader.ok("listWebhooks")).webhooks.map((w) => w.id)).toContain(webhook.id);
  expect((await reader.ok("getWebhook", { id: webhook.id })).webhook).toEqual(webhook);
  expect((await reader.ok("listWebhookDeliveries", { id: webhook.id })).deliveries).toEqual([]);
  const refused = await reader.fail("createWebhook", { body: { url: URL_A, events: ["*"] } }, 403, "insufficient_scope");
  expect(refused.body).toMatchObject({ required_scope: "write:webhooks", available_scopes: ["read:webhooks"] });
  for (const [opId, o] of [
    ["patchWebhook", { id: webhook.id, body: { active: false } }],
    ["rotateWebhookSecret", { id: webhook.id }],
    ["testWebhook", { id: webhook.id }],
    ["redeliverWebhookDelivery", { id: webhook.id, params: { delivery_id: 1 } }],
    ["deleteWebhook", { id: webhook.id }],
  ] as const) {
    expect((await reader.fail(opId, o, 403, "insufficient_scope")).body.required_scope).toBe("write:webhooks");
  }
  expect((await writer.fail("listWebhooks", {}, 403, "insufficient_scope")).body.required_scope).toBe("read:webhooks");
  expect((await writer.ok("patchWebhook", { id: webhook.id, body: { description: "by the writer" } })).webhook.description).toBe("by the writer");
  await other.fail("listWebhooks", {}, 403, "insufficient_scope");
  await other.fail("createWebhook", { body: { url: URL_A, events: ["*"] } }, 403, "insufficient_scope");
  // Nothing the refused calls sent changed the webhook.
  expect((await client.ok("getWebhook", { id: webhook.id })).webhook).toMatchObject({ active: true, description: "by the writer" });
  await client.ok("deleteWebhook", { id: webhook.id });
});

test("bodies and queries are checked: 400 with the fields named, in the one error shape", async () => {
  const { webhook } = await client.ok("createWebhook", { body: { url: URL_A, events: ["*"] } });
  const cases: [Record<string, unknown>, string, RegExp][] = [
    [{ events: ["*"] }, "url", /./],
    [{ url: "ftp://example.com/", events: ["*"] }, "url", /https:\/\/ or http:\/\//],
    [{ url: "example.com/hook", events: ["*"] }, "url", /full URL/],
    [{ url: `https://example.com/${"x".repeat(2000)}`, events: ["*"] }, "url", /2000/],
    [{ url: "https://user:secret@example.com/", events: ["*"] }, "url", /password/],
    [{ url: URL_A }, "events", /./],
    [{ url: URL_A, events: [] }, "events", /at least one/],
    [{ url: URL_A, events: ["entry.created"] }, "events.0", /must be one of/],
    [{ url: URL_A, events: ["*"], description: "d".repeat(501) }, "description", /500/],
  ];
  for (const [body, field, message] of cases) {
    const error = await client.invalid("createWebhook", { body }, field);
    expect(error.errors![field][0], JSON.stringify(body)).toMatch(message);
  }
  await client.invalid("patchWebhook", { id: webhook.id, body: { active: "yes" } }, "active");
  await client.invalid("patchWebhook", { id: webhook.id, body: { events: [] } }, "events");
  await client.invalid("listWebhookDeliveries", { id: webhook.id, query: { status: "lost" } }, "status");
  await client.invalid("listWebhookDeliveries", { id: webhook.id, query: { per_page: 0 } }, "per_page");
  // The refused PATCHes changed nothing.
  expect((await client.ok("getWebhook", { id: webhook.id })).webhook).toEqual(webhook);
  await client.ok("deleteWebhook", { id: webhook.id });
});

test("another workspace's webhooks and deliveries are 404; a member or manager of the workspace is refused", async () => {
  const { webhook } = await client.ok("createWebhook", { body: { url: URL_A, events: ["*"] } });
  const { delivery } = await client.ok("testWebhook", { id: webhook.id });
  const stranger = api(client.request, (await newActor("hooks-stranger")).token);
  for (const [opId, o] of [
    ["getWebhook", { id: webhook.id }],
    ["patchWebhook", { id: webhook.id, body: { active: false } }],
    ["rotateWebhookSecret", { id: webhook.id }],
    ["testWebhook", { id: webhook.id }],
    ["listWebhookDeliveries", { id: webhook.id }],
    ["redeliverWebhookDelivery", { id: webhook.id, params: { delivery_id: delivery.id } }],
    ["deleteWebhook", { id: webhook.id }],
    ["getWebhook", { id: "abc" }],
  ] as const) {
    expect((await stranger.fail(opId, o, 404, "not_found")).body.message).toBe("Webhook not found.");
  }
  expect((await stranger.ok("listWebhooks")).webhooks).toEqual([]);
  // The stranger's own webhook does not reach the owner's delivery either.
  const theirs = (await stranger.ok("createWebhook", { body: { url: URL_B, events: ["*"] } })).webhook;
  expect((await stranger.fail("redeliverWebhookDelivery", { id: theirs.id, params: { delivery_id: delivery.id } }, 404)).body.message).toBe("Delivery not found.");

  // Members and managers of the owner's workspace: 403 with the reason, even with every scope.
  const workspaceId = (await client.ok("me")).workspace.id;
  for (const role of ["member", "manager"] as const) {
    const person: TestUser = await createUser(`hooks-${role}`);
    await cli(["member", "add", "--workspace", String(workspaceId), "--user", person.email, "--role", role]);
    const token = JSON.parse(await cli(["token", "create", "--user", person.email, "--workspace", String(workspaceId), "--scopes", "read:webhooks,write:webhooks", "--json"])).token;
    const as = api(client.request, token);
    const refused = await as.fail("listWebhooks", {}, 403, "forbidden");
    expect(refused.body.message).toMatch(new RegExp(`webhooks .*owners and admins only.*: your role in this workspace is ${role}\\.$`));
    await as.fail("getWebhook", { id: webhook.id }, 403, "forbidden");
    await as.fail("createWebhook", { body: { url: URL_B, events: ["*"] } }, 403, "forbidden");
  }
  // Untouched by all of it.
  expect((await client.ok("getWebhook", { id: webhook.id })).webhook).toEqual(webhook);
  expect((await client.ok("listWebhookDeliveries", { id: webhook.id })).deliveries.map((d) => d.id)).toEqual([delivery.id]);
  await client.ok("deleteWebhook", { id: webhook.id });
});

test("at most 20 webhooks per workspace: the 21st is a 409 that says why", async () => {
  const solo = api(client.request, (await newActor("hooks-many")).token);
  for (let i = 0; i < 20; i++) await solo.ok("createWebhook", { body: { url: `${URL_A}/${i}`, events: ["*"] } });
  const refused = await solo.fail("createWebhook", { body: { url: URL_B, events: ["*"] } }, 409, "conflict");
  expect(refused.body.message).toBe("A workspace can have at most 20 webhooks: delete one you no longer use first.");
  expect((await solo.ok("listWebhooks")).webhooks).toHaveLength(20);
});

test("the OpenAPI document lists every webhooks path with its scope", async ({ request }) => {
  const doc = (await api(request).ok("openapi")) as unknown as { paths: Record<string, Record<string, { operationId: string; "x-required-scope"?: string }>> };
  const expected = Object.entries(ops).filter(([, op]) => op.tag === "Webhooks");
  expect(expected.map(([, op]) => `${op.method} ${op.path}`).sort()).toEqual([
    "DELETE /webhooks/{id}",
    "GET /webhooks",
    "GET /webhooks/{id}",
    "GET /webhooks/{id}/deliveries",
    "PATCH /webhooks/{id}",
    "POST /webhooks",
    "POST /webhooks/{id}/deliveries/{delivery_id}/redeliver",
    "POST /webhooks/{id}/rotate-secret",
    "POST /webhooks/{id}/test",
  ]);
  for (const [opId, op] of expected) {
    const documented = doc.paths[op.path]?.[op.method.toLowerCase()];
    expect(documented?.operationId).toBe(opId);
    expect(documented?.["x-required-scope"]).toBe(op.method === "GET" ? "read:webhooks" : "write:webhooks");
  }
});
