// `npm run build` ends here: makes the template a new embedded database starts from (db/pglite-template.ts),
// so that even the first start of a new installation skips initdb. Kept in node_modules/.cache/stint.
// Usage: tsx db/build-template.ts
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { migrationsFolder, openDatabase } from "./index";
import { migrateDatabase } from "./migrate";
import { templateDir } from "./pglite-template";

async function main() {
  const template = templateDir(migrationsFolder());
  if (!template) throw new Error("Cannot tell where the template of the embedded database goes (is @electric-sql/pglite installed?)");
  if (fs.existsSync(path.join(template, "PG_VERSION"))) return console.log(`Template of a new embedded database: ${template} (up to date)`);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "stint-template-"));
  const target = { pgliteDir: path.join(scratch, "pgdata") };
  const handle = openDatabase(target);
  try {
    await migrateDatabase(handle, target);
    if (!(await handle.saveTemplate?.())) throw new Error(`Could not write the template to ${template}`);
    console.log(`Template of a new embedded database: ${template}`);
  } finally {
    await handle.close();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
