// A new embedded database starts as a copy of an empty one. PGlite's initdb (the catalogs, the system
// views, information_schema) takes most of a first start (2–3 s on an idle machine, ten times more on a
// busy one); unpacking the same cluster from a tarball takes a fraction of it. The tarball depends only on
// PGlite's version (migrations still run after it), is built by `npm run build`, and by the first process
// that has to run initdb without one. Run directly (`node db/pglite-template.mjs DIR`) to build it into DIR.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";

const require = createRequire(import.meta.url);

function pgliteVersion() {
  // The package's exports hide its package.json: find it beside the resolved entry point.
  let dir = path.dirname(require.resolve("@electric-sql/pglite"));
  while (!fs.existsSync(path.join(dir, "package.json"))) dir = path.dirname(dir);
  return JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")).version;
}

export const templateFile = (dir) => path.join(dir, `pglite-${pgliteVersion()}-initdb.tar`);

/** The empty cluster to load into a new database, or undefined when there is none yet. */
export function readTemplate(dir) {
  try {
    return new Blob([fs.readFileSync(templateFile(dir))]);
  } catch {
    return undefined;
  }
}

/** True when a data folder holds no database yet (PGlite would run initdb). */
export const isNewFolder = (dataDir) => !fs.existsSync(path.join(dataDir, "PG_VERSION"));

/**
 * Saves `pg`'s cluster as the template. Nothing else may run on `pg` until it is done (it must be the empty
 * cluster initdb made). Written whole or not at all: several processes may race to write it.
 */
export async function saveTemplate(pg, dir) {
  await pg.waitReady; // Not inside the lock below: PGlite's own start-up queries take it.
  const tarball = await pg._runExclusiveTransaction(() => pg.dumpDataDir("none"));
  fs.mkdirSync(dir, { recursive: true });
  const file = templateFile(dir);
  const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.partial`;
  fs.writeFileSync(temp, Buffer.from(await tarball.arrayBuffer()));
  fs.renameSync(temp, file);
  return file;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const dir = path.resolve(process.argv[2] ?? path.join("node_modules", ".cache", "stint"));
  const pg = new PGlite();
  const file = await saveTemplate(pg, dir);
  await pg.close();
  console.log(`Template of an empty embedded database: ${file}`);
}
