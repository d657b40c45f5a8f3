import { afterAll, beforeAll, expect, it } from "vitest";
import { openDatabase } from "@/db";
import { createTestDb, type TestDb } from "@/db/testing";
import { checkHealth } from "./check";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.cleanup());

it("is healthy when the database answers", async () => {
  const report = await checkHealth(t.db);
  expect(report.status).toBe("healthy");
  expect(Math.abs(Date.parse(report.timestamp) - Date.now())).toBeLessThan(5000);
  expect(report.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
});

it("is unhealthy when the database is unreachable", async () => {
  // Port 9 (discard) has nothing listening here: the connection is refused.
  const dead = openDatabase({ url: "postgres://nobody:x@127.0.0.1:9/none" });
  const report = await checkHealth(dead.db, 2000);
  expect(report.status).toBe("unhealthy");
  await dead.close();
});

it("is unhealthy when the database hangs past the timeout", async () => {
  const hanging = { execute: () => new Promise(() => {}) } as unknown as TestDb["db"];
  const started = Date.now();
  expect((await checkHealth(hanging, 200)).status).toBe("unhealthy");
  expect(Date.now() - started).toBeLessThan(1500);
});
