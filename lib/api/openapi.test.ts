import { describe, expect, it } from "vitest";
import { openApiDocument } from "./openapi";

type Node = Record<string, unknown>;

/** Every schema node of the document with the property name it sits under. */
function nodes(value: unknown, key = "", out: { key: string; node: Node }[] = []) {
  if (Array.isArray(value)) value.forEach((v) => nodes(v, key, out));
  else if (value && typeof value === "object") {
    const node = value as Node;
    if (typeof node.type === "string" || node.format) out.push({ key, node });
    for (const [k, v] of Object.entries(node)) nodes(v, k === "properties" || k === "items" || k === "anyOf" || k === "schema" ? key : k, out);
  }
  return out;
}

describe("OpenAPI examples", () => {
  const all = nodes(openApiDocument("test"));

  it("has no ±2^53 bounds (Swagger UI shows the minimum as the example)", () => {
    expect(JSON.stringify(openApiDocument("test"))).not.toContain("9007199254740991");
  });

  it("gives every date and date-time a realistic example", () => {
    const dated = all.filter(({ node }) => node.format === "date-time" || node.format === "date");
    expect(dated.length).toBeGreaterThan(50);
    for (const { key, node } of dated) {
      expect(node.example, key).toMatch(/^20\d\d-\d\d-\d\d/);
    }
  });

  it("gives every id a small positive example", () => {
    const ids = all.filter(({ key, node }) => (key === "id" || key.endsWith("_id")) && (node.type === "integer" || node.type === "number"));
    expect(ids.length).toBeGreaterThan(50);
    for (const { key, node } of ids) expect(node.example, key).toEqual(expect.any(Number));
    for (const { node } of ids) expect(node.example as number).toBeGreaterThan(0);
  });
});
