import fs from "node:fs/promises";
import path from "node:path";

// The two files of swagger-ui-dist the docs page needs; nothing else is served from node_modules.
const ASSETS: Record<string, string> = {
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
  "swagger-ui.css": "text/css; charset=utf-8",
};

export async function readSwaggerAsset(file: string): Promise<{ body: string; type: string } | null> {
  const type = ASSETS[file];
  if (!type) return null;
  return { body: await fs.readFile(path.join(process.cwd(), "node_modules", "swagger-ui-dist", file), "utf8"), type };
}
