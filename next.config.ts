import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite ships ~15 MB of wasm/data: bundling it would copy it into .next/static (publicly
  // downloadable). argon2 and postgres are native/Node-only and must load from node_modules; pdfkit reads
  // its font metrics from its own folder at run time, and exceljs is large: both stay in node_modules.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "postgres", "pdfkit", "exceljs"],
  poweredByHeader: false,
};

export default nextConfig;
