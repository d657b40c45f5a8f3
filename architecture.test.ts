import fs from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";

// The layering rules of CONTRIBUTING.md, checked on every test run.
function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : /\.(ts|tsx)$/.test(e.name) ? [p] : [];
  });
}

const importsOf = (file: string) => [...fs.readFileSync(file, "utf8").matchAll(/(?:from|import)\s*\(?\s*["']([^"']+)["']/g)].map((m) => m[1]);

it("app/ reaches the database only through lib/ (never db/, drizzle or a driver)", () => {
  const offenders = files("app").flatMap((f) =>
    importsOf(f)
      .filter((i) => /^@\/db(\/|$)|^\.\.?\/.*\bdb\b|^drizzle-orm|^postgres$|^@electric-sql\/pglite/.test(i))
      .map((i) => `${f}: ${i}`),
  );
  expect(offenders).toEqual([]);
});

it("components/ui holds primitives only: no domain imports", () => {
  const offenders = files("components/ui").flatMap((f) => importsOf(f).filter((i) => i.startsWith("@/lib") || i.startsWith("@/db")).map((i) => `${f}: ${i}`));
  expect(offenders).toEqual([]);
});

// Test support beside the code it serves, imported by tests only (checked below): it reads the test
// settings (TEST_DATABASE_URL) itself, so that they stay out of the app's env schema.
const TEST_SUPPORT = [path.join("db", "testing.ts"), path.join("db", "migrations-before.ts"), ...files(path.join("lib", "testing"))];
const shipped = () => [...files("app"), ...files("lib"), ...files("components"), ...files("db")].filter((f) => !f.endsWith(".test.ts") && !TEST_SUPPORT.includes(f));

it("only lib/env.ts reads process.env (instrumentation.ts checks the runtime, as Next documents)", () => {
  const offenders = shipped().filter((f) => f !== path.join("lib", "env.ts") && /process\.env\b/.test(fs.readFileSync(f, "utf8")));
  expect(offenders).toEqual([]);
});

it("test support is imported by tests only", () => {
  const offenders = shipped().flatMap((f) => importsOf(f).filter((i) => /^@\/db\/(testing|migrations-before)$|^@\/lib\/testing\/|^\.\/(testing|migrations-before)$/.test(i)).map((i) => `${f}: ${i}`));
  expect(offenders).toEqual([]);
});
