import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

// A new embedded database starts as a copy of a template: an empty cluster with Stint's migrations applied.
// PGlite's initdb (catalogs, system views, information_schema) plus the migrations took most of a first start
// (7–34 s on a busy machine); copying the same files takes a fraction of it (and half the time PGlite's own
// loadDataDir takes to unpack them from a tarball). The template depends only on
// PGlite's version and on the migrations, so both name its file; the first new database made without one
// writes it (db/pglite-worker.mjs), as does `npm run build` (db/build-template.ts). Migrations newer than a
// template still run after it, as on any database.

const cacheDir = () => path.join(process.cwd(), "node_modules", ".cache", "stint");

function pgliteVersion(): string {
  const file = path.join(process.cwd(), "node_modules", "@electric-sql", "pglite", "package.json");
  return (JSON.parse(fs.readFileSync(file, "utf8")) as { version: string }).version;
}

/** A short digest of every migration file: a changed or added migration makes a new template. */
function migrationsDigest(folder: string): string {
  const hash = crypto.createHash("sha256");
  const files = fs.readdirSync(folder, { recursive: true, withFileTypes: true }).filter((f) => f.isFile());
  for (const file of files.map((f) => path.join(f.parentPath, f.name)).sort()) {
    hash.update(path.relative(folder, file)).update("\0").update(fs.readFileSync(file)).update("\0");
  }
  return hash.digest("hex").slice(0, 16);
}

/** The folder where the template for this PGlite and these migrations is (or would be) kept; null when that cannot be told. */
export function templateDir(migrationsFolder: string): string | null {
  try {
    return path.join(cacheDir(), `pglite-${pgliteVersion()}-${migrationsDigest(migrationsFolder)}`);
  } catch {
    return null;
  }
}
