import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite ships ~15 MB of wasm/data: bundling it would copy it into .next/static (publicly
  // downloadable). argon2 and postgres are native/Node-only and must load from node_modules; pdfkit reads
  // its font metrics from its own folder at run time, and exceljs is large: both stay in node_modules.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "postgres", "pdfkit", "exceljs"],
  poweredByHeader: false,
  experimental: {
    // Fewer, larger client chunks: a page's first load (what `npm run check:page-js` measures) compresses
    // better as one file than as several, ~1.7 kB gzipped less on the Timer page and less on every other
    // page. Defaults are requestCost 200 kB, minChunkSize 50 kB; a client navigation may fetch a module
    // twice (in two merged chunks), a fair trade for pages this size.
    turbopackChunking: { requestCost: 2_000_000, minChunkSize: 200_000, firstPageLoadPriority: 1 },
  },
};

export default nextConfig;
