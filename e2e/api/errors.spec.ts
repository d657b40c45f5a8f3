import http from "node:http";
import type { APIRequestContext } from "@playwright/test";
import { z } from "zod";
import type { Operation, OperationId } from "@/lib/api/operations";
import { createUser, type TestUser } from "../fixtures";
import { api, BASE_URL, expect, newActor, ops, signedIn, test, type Actor, type Api } from "./api-fixtures";

// Whatever a client sends, the answer is never a 5xx and errors have the one shape (the Api client
// checks both on every call). Many calls: they go through a browser session, which is not rate limited.
let owner: TestUser;
let session: APIRequestContext;
let client: Api;
let tokenUser: Actor;
/** An existing object of the session's user for each operation with an {id}, so bodies reach the services. */
const realId: Partial<Record<OperationId, number>> = {};

const all = Object.entries(ops) as [OperationId, Operation][];
const withBody = all.filter(([, op]) => op.body);
const withQuery = all.filter(([, op]) => op.query);
const withId = all.filter(([, op]) => op.path.includes("{id}"));
const fieldsOf = (schema: z.ZodType) => Object.keys((z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as { properties?: object }).properties ?? {});

test.beforeAll(async () => {
  [owner, tokenUser] = await Promise.all([createUser("fuzzed"), newActor("errors")]);
  session = await signedIn(owner);
  client = api(session);
  const project = (await client.ok("createProject", { body: { name: "Fuzz project" } })).project;
  const c = (await client.ok("createClient", { body: { name: "Fuzz client" } })).client;
  const task = (await client.ok("createTask", { body: { name: "Fuzz task", project_id: project.id } })).task;
  const tag = (await client.ok("createTag", { body: { name: "fuzz" } })).tag;
  const entry = (await client.ok("createEntry", { body: { start_time: "2026-01-05T09:00Z", duration_seconds: 60 } })).time_entry;
  const webhook = (await client.ok("createWebhook", { body: { url: "https://hooks.example.com/fuzz", events: ["ping"] } })).webhook;
  Object.assign(realId, {
    patchWebhook: webhook.id,
    putProject: project.id,
    patchProject: project.id,
    putClient: c.id,
    patchClient: c.id,
    putTask: task.id,
    patchTask: task.id,
    putTag: tag.id,
    patchTag: tag.id,
    putEntry: entry.id,
    patchEntry: entry.id,
  });
});
test.afterAll(() => session?.dispose());

const NASTY: unknown[] = [null, true, -1, 1.5, 2 ** 31, 1e308, "", "x".repeat(3000), "0000-01-01T00:00:00Z", "9999-12-31", "2026-02-30T10:00", [], ["a", 1], {}];

// One test per operation: a couple of thousand requests in all, too many for one test's budget on a busy
// machine, and a failure names its operation.
test.describe("no body field, whatever its value, gets a 5xx", () => {
  for (const [opId, op] of withBody) {
    if (opId === "login") continue; // in the next test: it counts sign-in attempts per account
    test(opId, async () => {
      const id = realId[opId] ?? 999_999_999;
      for (const field of fieldsOf(op.body!)) {
        // The client checks: no 5xx, a success in its documented shape, an error in the error shape.
        await Promise.all(NASTY.map((value) => client.call(opId, { id, body: { [field]: value } })));
      }
      await client.call("timerStop");
    });
  }
});

test("login: odd credentials are 400 or 401, never a 5xx", async ({ request }) => {
  const anon = api(request);
  for (const field of ["username", "email", "password"]) {
    for (const value of NASTY) {
      // From an address of its own: these failures must not throttle other specs' sign-ins from 127.0.0.1.
      const headers = { "X-Forwarded-For": "198.19.0.1" };
      const reply = await anon.call("login", { headers, body: { username: `odd-${Math.random()}@example.com`, password: "some password", [field]: value } });
      expect([400, 401, 429], `${field}=${JSON.stringify(value)}`).toContain(reply.status);
    }
  }
});

test("malformed JSON, bodies that are not objects, and a NUL anywhere: 400 validation_error", async ({ request }) => {
  const anon = api(request);
  for (const [opId] of withBody) {
    const id = realId[opId] ?? 999_999_999;
    const on = opId === "login" ? anon : client;
    for (const raw of ["{", "{\"name\": }", "{'name': 'single quotes'}", "nul", "[1, 2", "\u0000", "{\"a\":1}{\"b\":2}"]) {
      const body = await on.invalid(opId, { id, raw }, "_");
      expect(body.message, `${opId} ${raw}`).toBe("The request body is not valid JSON.");
    }
    for (const raw of ["null", "[]", "[{}]", "\"text\"", "42", "true"]) await on.invalid(opId, { id, raw }, "_");
  }
  // A NUL in any string, however deep, is refused by field.
  const nul = await client.invalid("createProject", { body: { name: "ok", description: "bad\u0000" } }, "description");
  expect(nul.errors?.description).toEqual(["Text cannot contain the character U+0000."]);
  await client.invalid("createEntry", { body: { start_time: "2026-01-01T00:00Z", duration_seconds: 60, tags: ["fine", "b\u0000d"] } }, "tags.1");
  await client.invalid("listProjects", { query: { query: "\u0000" } }, "query");
  await client.invalid("listEntries", { query: { start_date: "2026-01-01\u0000" } }, "start_date");
  // Deep nesting is refused without exhausting the stack.
  const depth = 200_000;
  await client.invalid("createProject", { raw: `{"name": "deep", "description": ${"[".repeat(depth)}${"]".repeat(depth)}}` }, "description");
  await client.invalid("createProject", { raw: `${"[".repeat(depth)}${"]".repeat(depth)}` }, "_");
});

test("bodies over 1 MB: 413 payload_too_large, nothing created", async ({ request }) => {
  const before = (await client.ok("listProjects")).pagination.total;
  const huge = JSON.stringify({ name: "Huge", description: "x".repeat(1_100_000) });
  for (const [opId] of withBody) {
    const on = opId === "login" ? api(request) : client;
    await on.fail(opId, { id: realId[opId] ?? 999_999_999, raw: huge }, 413, "payload_too_large");
  }
  // Multi-byte characters count as bytes: 400,000 of them are 1.2 MB.
  await client.fail("createProject", { body: { name: "Wide", description: "€".repeat(400_000) } }, 413, "payload_too_large");
  await api(request, tokenUser.token).fail("createProject", { raw: huge }, 413, "payload_too_large");
  expect((await client.ok("listProjects")).pagination.total).toBe(before);
});

test("a chunked body over 1 MB (no Content-Length) is refused as it streams in", async () => {
  const { token } = tokenUser;
  const reply = await new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request(`${BASE_URL}/api/v1/projects`, { method: "POST", headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", "Transfer-Encoding": "chunked" } }, (res) => {
      let body = "";
      res.on("data", (d) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode!, body }));
    });
    req.on("error", reject);
    req.write(`{"name": "Chunked", "description": "`);
    const chunk = "y".repeat(64 * 1024);
    let sent = 0;
    const pump = () => {
      while (sent < 2_000_000) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      req.end(`"}`);
    };
    pump();
  }).catch((error: Error) => ({ status: 0, body: error.message }));
  expect(reply.status, reply.body).toBe(413);
  expect(JSON.parse(reply.body).error_code).toBe("payload_too_large");
  expect((await client.ok("listProjects", { query: { query: "Chunked" } })).projects).toEqual([]);
});

test.describe("no query parameter, whatever its value, gets a 5xx", () => {
  const values = ["", " ", "abc", "-1", "0", "1.5", "1e3", "99999999999", "99999999999999999999999", "true", "2026-02-30", "0000-01-01", "9999-12-31", "%", "_", "'; drop table users; --", "x".repeat(5000)];
  for (const [opId, op] of withQuery) {
    test(opId, async () => {
      for (const param of fieldsOf(op.query!)) {
        for (const value of values) {
          // An operation with a path id gets one that does not exist: the query is validated first (400), else 404.
          const reply = await client.call(opId, { id: realId[opId] ?? 999_999_999, query: { [param]: value } });
          // user_id names a member: someone who is none is 404.
          const allowed = op.path.includes("{id}") || param === "user_id" ? [400, 403, 404] : [400, 403];
          if (reply.status >= 400) expect(allowed, `${opId} ${param}=${value}: ${JSON.stringify(reply.body)}`).toContain(reply.status);
        }
      }
    });
  }
});

test("unknown and repeated query parameters are harmless", async () => {
  // Unknown parameters are ignored; repeated ones do not break anything.
  expect((await client.ok("listProjects", { query: { nonsense: "1" } })).projects.length).toBeGreaterThan(0);
  const repeated = await session.get("/api/v1/projects?page=1&page=2&status=active&status=archived");
  expect(repeated.status()).toBeLessThan(500);
});

test.describe("odd path ids are 404 not_found for every operation with an id", () => {
  for (const [opId, op] of withId) {
    test(opId, async () => {
      for (const id of ["abc", "0", "-1", "1.5", "1e3", "0x10", "99999999999", "1 ", " ", "\u0000", "😀", "1;drop"]) {
        const body = op.body ? { name: "Renamed", notes: "Renamed", email: "renamed@example.com" } : undefined;
        await client.fail(opId, { id, body }, 404, "not_found");
      }
    });
  }
});

test("unknown endpoints under /api/v1 answer a JSON 404 in the error shape", async ({ request }) => {
  const anon = api(request);
  for (const path of ["/api/v1/nope", "/api/v1/projects/1/members", "/api/v1/timer", "/api/v1/users/1"]) {
    for (const method of ["GET", "POST", "DELETE"]) {
      const reply = await anon.send(method, path, { body: method === "POST" ? {} : undefined });
      expect(reply.status, `${method} ${path}`).toBe(404);
      expect((reply.body as { error_code: string }).error_code).toBe("not_found");
    }
  }
});

test("a method a path does not serve: 405 method_not_allowed in the error shape, with Allow", async ({ request }) => {
  const anon = api(request);
  const cases: [string, string, string][] = [
    ["DELETE", "/api/v1/timer/status", "GET"],
    ["GET", "/api/v1/timer/start", "POST"],
    ["PUT", "/api/v1/projects", "GET, POST"],
    ["POST", "/api/v1/time-entries/1", "GET, PUT, PATCH, DELETE"],
    ["GET", "/api/v1/auth/login", "POST"],
  ];
  for (const [method, path, allow] of cases) {
    const res = await request.fetch(path, { method, data: method === "GET" ? undefined : {}, failOnStatusCode: false });
    expect(res.status(), `${method} ${path}`).toBe(405);
    expect(res.headers()["allow"]).toBe(allow);
    expect(await res.json()).toEqual({
      error: `${method} is not allowed on ${path}; use ${allow}.`,
      message: `${method} is not allowed on ${path}; use ${allow}.`,
      error_code: "method_not_allowed",
    });
  }
  // The methods a path serves still work.
  expect((await anon.send("GET", "/api/v1/health")).status).toBe(200);
});
