import { expect, test } from "@playwright/test";

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
});
