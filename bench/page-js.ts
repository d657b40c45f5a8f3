// First-load JavaScript of each page from the last `next build`: the root chunks every page loads plus the
// chunks of the page's layouts and page, gzipped. Usage: `npx next build && node --import tsx bench/page-js.ts [--max kB] [route...]`.
// With --max it is a check: it exits 1 when a route's first load is over that many kB (npm run check:page-js).
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

const next = path.resolve(".next");
const build = JSON.parse(fs.readFileSync(path.join(next, "build-manifest.json"), "utf8")) as { rootMainFiles: string[]; polyfillFiles: string[] };

/** The page's client reference manifest lists, per layout/page segment, the chunks it needs. */
function pageChunks(route: string): string[] {
  const file = path.join(next, "server/app", route, "page_client-reference-manifest.js");
  const text = fs.readFileSync(file, "utf8");
  // The file assigns one object: globalThis.__RSC_MANIFEST["/route/page"] = {...};
  const json = text.slice(text.indexOf("= {", text.indexOf("__RSC_MANIFEST[")) + 2, text.lastIndexOf("}") + 1);
  const manifest = JSON.parse(json) as { entryJSFiles: Record<string, string[]> };
  return Object.values(manifest.entryJSFiles).flat();
}

const gz = (f: string) => zlib.gzipSync(fs.readFileSync(path.join(next, f)), { level: 9 }).length;
const args = process.argv.slice(2);
const maxAt = args.indexOf("--max");
const maxKb = maxAt === -1 ? Infinity : Number(args.splice(maxAt, 2)[1]);
if (Number.isNaN(maxKb)) throw new Error("--max needs a number of kB");
const routes = args.length ? args : ["(app)", "(app)/overview", "(app)/settings", "(auth)/sign-in"];
let over = 0;
for (const route of routes) {
  const files = new Set([...build.rootMainFiles, ...pageChunks(route)]);
  const kb = [...files].reduce((s, f) => s + gz(f), 0) / 1024;
  const verdict = kb > maxKb ? `  OVER the limit of ${maxKb} kB` : "";
  if (verdict) over++;
  console.log(`${route.padEnd(24)} ${kb.toFixed(1)} kB gzipped first-load JS (${files.size} chunks)${verdict}`);
}
if (over) process.exit(1);
