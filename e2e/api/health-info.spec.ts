import { api, expect, newActor, ops, test } from "./api-fixtures";

test("GET /api/v1/health reports a healthy database without auth", async ({ request }) => {
  const before = Date.now();
  const res = await request.get("/api/v1/health");
  expect(res.status()).toBe(200);
  expect(res.headers()["cache-control"]).toContain("no-store");
  const body = await res.json();
  expect(Object.keys(body).sort()).toEqual(["status", "timestamp"]);
  expect(body.status).toBe("healthy");
  expect(Date.parse(body.timestamp)).toBeGreaterThanOrEqual(before - 2000);
  expect(body.timestamp).toMatch(/Z$/);
  // The documented shape, and no auth needed even when a bad token is sent.
  const checked = await api(request, "tt_not-a-real-token").ok("health");
  expect(checked.status).toBe("healthy");
});

test("GET /api/v1/info names the version, the docs and every endpoint, without auth", async ({ request }) => {
  const info = await api(request).ok("info");
  expect(info.api_version).toBe("v1");
  expect(info.app_version).toMatch(/^\d+\.\d+\.\d+/);
  expect(info.documentation_url).toBe("/api/docs");
  expect(info.openapi_url).toBe("/api/v1/openapi.json");
  expect(info.endpoints).toEqual(Object.fromEntries(Object.entries(ops).map(([id, op]) => [id, `${op.method} /api/v1${op.path}`])));
  // The documentation it points to is there.
  expect((await request.get(info.documentation_url)).status()).toBe(200);
  expect((await api(request).ok("openapi")).openapi).toBe("3.1.0");
});

test("public endpoints answer the same with a token, and do not count it", async ({ request }) => {
  const alice = await newActor("alice");
  const res = await request.get("/api/v1/info", { headers: { Authorization: `Bearer ${alice.token}` } });
  expect(res.status()).toBe(200);
  expect(res.headers()["x-ratelimit-limit"]).toBeUndefined();
});
