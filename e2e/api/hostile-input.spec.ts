import type { Operation, OperationId } from "@/lib/api/operations";
import { createUser } from "../fixtures";
import { api, expect, newActor, ops, signedIn, test, type Actor, type Api, type ApiErrorBody } from "./api-fixtures";

// Input that must never be a 500 (issue 9, items 8 and 9): paths that do not percent-decode, and keys
// that are the names of Object.prototype's members, with or without a NUL, with and without auth.

const all = Object.entries(ops) as [OperationId, Operation][];
const BAD_ESCAPES = ["%ff", "%zz", "%E0%A4%A", "%", "a%2", "%C3%28"];

test("a malformed percent-escape in any segment of any API path: 400 bad_request in the error shape", async ({ request }) => {
  const actor = await newActor("badescape");
  const anon = api(request);
  const withToken = api(request, actor.token);
  // Every path of the OpenAPI document with each of its segments replaced in turn, with the methods it
  // serves; plus paths that are no endpoint at all.
  const cases = new Map<string, Set<string>>([["/api/v1/%zz", new Set(["GET", "POST"])], ["/api/v1/nope/%ff/deeper", new Set(["GET"])]]);
  for (const [, op] of all) {
    const segments = op.path.replace(/\{\w+\}/g, "1").split("/").slice(1);
    for (let i = 0; i < segments.length; i++) {
      for (const bad of BAD_ESCAPES) {
        const path = `/api/v1/${segments.map((s, j) => (j === i ? bad : s)).join("/")}`;
        cases.set(path, (cases.get(path) ?? new Set()).add(op.method));
      }
    }
  }
  const calls: [Api, string, string][] = [];
  for (const [path, methods] of cases) for (const method of methods) calls.push([anon, method, path]);
  // With a token too (one escape per path): the answer does not depend on who asks.
  for (const [path, methods] of cases) if (path.includes("%ff")) for (const method of methods) calls.push([withToken, method, path]);
  for (let i = 0; i < calls.length; i += 16) {
    await Promise.all(
      calls.slice(i, i + 16).map(async ([client, method, path]) => {
        // The client checks: JSON, never a 5xx, the error shape.
        const reply = await client.send(method, path, { body: method === "GET" || method === "DELETE" ? undefined : {} });
        const body = reply.body as ApiErrorBody;
        if (reply.status !== 400 || body.error_code !== "bad_request" || !body.message.includes("malformed percent-escape")) {
          throw new Error(`${method} ${path}: ${reply.status} ${JSON.stringify(body)}`);
        }
      }),
    );
  }
  expect(calls.length).toBeGreaterThan(300);
  // The three of the issue, as they were reported.
  for (const path of ["/api/v1/projects/%ff", "/api/v1/%zz", "/api/v1/time-entries/%E0%A4%A"]) {
    const reply = await anon.send("GET", path);
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ error_code: "bad_request" });
  }
  // Well-formed escapes still reach the API.
  expect((await withToken.send("GET", "/api/v1/projects/%31%32%33%34%35%36%37%38%39")).body).toMatchObject({ error_code: "not_found" });
});

const PROTO_KEYS = ["constructor", "__proto__", "toString", "valueOf", "hasOwnProperty", "isPrototypeOf", "propertyIsEnumerable", "toLocaleString", "__defineGetter__"];

test("query keys named like Object.prototype's members, with or without a NUL: never a 500, with and without auth", async ({ request }) => {
  const [actor, owner] = await Promise.all([newActor("protoquery"), createUser("protoquerysession")]);
  const session = await signedIn(owner);
  const anon = api(request);
  const token = api(request, actor.token);
  const browser = api(session);
  const gets = all.filter(([, o]) => o.method === "GET" && o.scope !== "public");
  try {
    for (const key of PROTO_KEYS) {
      for (const value of ["1", "\u0000", "x\u0000y"]) {
        const query = `${encodeURIComponent(key)}=${encodeURIComponent(value)}`;
        for (const client of [anon, token, browser]) {
          const health = await client.send("GET", `/api/v1/health?${query}`);
          // Next drops a `__proto__` parameter before the route sees the URL; any other NUL is refused by name.
          if (value.includes("\u0000") && key !== "__proto__") {
            expect(health.status, `health ?${query}`).toBe(400);
            expect(Object.keys((health.body as ApiErrorBody).errors ?? {}), `health ?${query}`).toEqual([key]);
          } else expect(health.status, `health ?${query}`).toBe(200);
        }
        // Every GET that needs auth: 401 without it; with a session (not rate limited) never a 5xx.
        if (value !== "x\u0000y") await Promise.all(
          gets.flatMap(([opId, op]) => [
            anon.send("GET", `${anon.path(op, 1)}?${query}`).then((r) => {
              if (r.status !== 401) throw new Error(`${opId} ?${query} without auth: ${r.status}`);
            }),
            browser.send("GET", `${browser.path(op, 1)}?${query}`),
          ]),
        );
        // With a token: the lists that read their query (a token may make 100 requests a minute).
        if (value.includes("\u0000") && key !== "__proto__") {
          for (const opId of ["listProjects", "listEntries"] as const) {
            const reply = await token.call(opId, { query: { [key]: value } });
            expect(reply.status, `${opId} ?${query}`).toBe(400);
          }
        }
      }
    }
  } finally {
    await session.dispose();
  }
});

test("JSON bodies with __proto__, constructor, toString, valueOf keys (and NULs): never a 500; a NUL is a field error", async ({ request }) => {
  const [actor, owner] = await Promise.all([newActor("protobody"), createUser("protobodysession")]);
  const session = await signedIn(owner);
  const token = api(request, actor.token);
  try {
    const bodies = [
      `{"__proto__": {"name": "polluted", "admin": true}, "constructor": "\\u0000"}`,
      `{"constructor": {"prototype": {"polluted": true}}, "name": "Proto ok"}`,
      `{"toString": "\\u0000", "valueOf": 1, "hasOwnProperty": "x", "name": "Proto ok"}`,
      `{"name": {"__proto__": "x", "toString": "\\u0000"}}`,
      `{"__proto__": null, "name": "Proto ok"}`,
      `{"name": "Proto ok", "tags": {"constructor": "\\u0000"}}`,
      `{"settings": {"__proto__": {"dc": "eu"}, "constructor": "\\u0000", "toString": "x"}, "refresh_token": "1000.abcdefghijk.refresh"}`,
    ];
    let n = 0;
    for (const [opId] of all.filter(([, o]) => o.body)) {
      for (const template of bodies) {
        // One name per call (below): a second project of the same name is a conflict of its own.
        const raw = template;
        // A token may make 100 requests a minute: it takes the creates; the session (not limited) takes all.
        const withToken = ["createProject", "createEntry", "createTask", "updateMe", "connectIntegration"].includes(opId);
        for (const client of [api(request), api(session), ...(withToken ? [token] : [])]) {
          const reply = await client.call(opId, { id: 999_999_999, params: { provider: "zoho-projects" }, raw: raw.replaceAll("Proto ok", `Proto ok ${++n}`) });
          if (raw.includes("\\u0000") && reply.status === 400) {
            const fields = Object.keys((reply.body as ApiErrorBody).errors ?? {});
            expect(fields.length, `${opId} ${raw}`).toBeGreaterThan(0);
          }
        }
      }
    }
    // A NUL under a prototype member's name is reported under that name, in a map of its own.
    const nul = await token.invalid("createProject", { raw: `{"name": "ok", "constructor": "\\u0000", "toString": "a\\u0000"}` }, "constructor", "toString");
    expect(nul.errors).toEqual({ constructor: ["Text cannot contain the character U+0000."], toString: ["Text cannot contain the character U+0000."] });
    // __proto__ in a body does not change what is created, nor Object.prototype on the server.
    const created = await token.ok("createProject", { raw: `{"__proto__": {"billable": false, "color": "#000000"}, "name": "Proto plain"}` });
    expect(created.project).toMatchObject({ name: "Proto plain" });
    expect((await token.ok("listProjects", { query: { query: "polluted" } })).projects).toEqual([]);
    expect((await api(request).send("GET", "/api/v1/health")).body).toMatchObject({ status: "healthy" });
  } finally {
    await session.dispose();
  }
});
