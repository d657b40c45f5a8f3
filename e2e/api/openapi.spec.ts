import fs from "node:fs";
import path from "node:path";
import { api, expect, ops, test } from "./api-fixtures";

type Doc = {
  openapi: string;
  info: { title: string; version: string };
  servers: { url: string }[];
  components: { securitySchemes: Record<string, unknown>; schemas: Record<string, unknown> };
  paths: Record<string, Record<string, { operationId: string; responses: Record<string, unknown>; parameters?: { name: string; in: string }[]; security?: unknown[] }>>;
};

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
const API_DIR = path.join(process.cwd(), "app", "api", "v1");
// The catch-all that answers a JSON 404 for unknown paths is not an endpoint.
const CATCH_ALL = "/[...path]";

/** Every "METHOD /path" that a route file under app/api/v1 exports, with {id} for [id] folders. */
function routesInFiles(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "route.ts") {
        const route = "/" + path.relative(API_DIR, dir).split(path.sep).join("/");
        if (route === CATCH_ALL) continue;
        const source = fs.readFileSync(full, "utf8");
        for (const method of METHODS) {
          if (new RegExp(`export\\s+(const|async\\s+function|function)\\s+${method}\\b`).test(source)) found.push(`${method} ${route.replace(/\[(\w+)\]/g, "{$1}")}`);
        }
      }
    }
  };
  walk(API_DIR);
  return found.sort();
}

let doc: Doc;

test.beforeAll(async ({ playwright }) => {
  const context = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
  doc = (await api(context).ok("openapi")) as unknown as Doc;
  await context.dispose();
});

test("the document is OpenAPI 3.1.0, served at /api/v1/openapi.json, with token security", async () => {
  expect(doc.openapi).toBe("3.1.0");
  expect(doc.info.title).toBe("Stint API");
  expect(doc.servers).toEqual([{ url: "/api/v1" }]);
  expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(["apiKey", "bearerAuth"]);
  expect(doc.components.schemas.Error).toBeTruthy();
});

test("every path and method in the document has a route file exporting that method, and every exported method is in the document", async () => {
  const documented = Object.entries(doc.paths)
    .flatMap(([p, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${p}`))
    .sort();
  const inFiles = routesInFiles();
  expect(inFiles.length).toBeGreaterThan(30);
  expect(documented.filter((r) => !inFiles.includes(r)), "documented, but no route file exports it").toEqual([]);
  expect(inFiles.filter((r) => !documented.includes(r)), "exported by a route file, but not documented").toEqual([]);
  // And the document is exactly the operation registry.
  expect(documented).toEqual(Object.values(ops).map((op) => `${op.method} ${op.path}`).sort());
});

test("each operation has its id, a success response with a schema, and the errors it can answer", async () => {
  for (const [opId, op] of Object.entries(ops)) {
    const documented = doc.paths[op.path]?.[op.method.toLowerCase()];
    expect(documented, opId).toBeTruthy();
    expect(documented.operationId).toBe(opId);
    const success = documented.responses[String((op as { status?: number }).status ?? 200)] as { content?: { "application/json"?: { schema?: unknown } } };
    expect(success?.content?.["application/json"]?.schema, `${opId} documents its answer`).toBeTruthy();
    const codes = Object.keys(documented.responses);
    if (op.scope === "public") expect(documented.security, opId).toEqual([]);
    else {
      for (const code of ["401", "403", "429"]) expect(codes, `${opId} documents ${code}`).toContain(code);
      if (op.method === "POST") expect(documented.parameters?.map((p) => p.name), `${opId} takes Idempotency-Key`).toContain("Idempotency-Key");
    }
    if (op.path.includes("{id}")) expect(codes, `${opId} documents 404`).toContain("404");
    if ("body" in op && op.body) expect(codes, `${opId} documents 400 and 413`).toEqual(expect.arrayContaining(["400", "413"]));
  }
});

test("every operation is exercised by the API suite", async () => {
  const specs = fs
    .readdirSync(path.join(process.cwd(), "e2e", "api"))
    .filter((f) => f.endsWith(".spec.ts"))
    .map((f) => fs.readFileSync(path.join(process.cwd(), "e2e", "api", f), "utf8"))
    .join("\n");
  const untested = Object.keys(ops).filter((opId) => !new RegExp(`\\b(ok|call|fail|invalid)\\("${opId}"`).test(specs));
  expect(untested).toEqual([]);
});
