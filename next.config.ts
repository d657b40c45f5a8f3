import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite ships ~15 MB of wasm/data: bundling it would copy it into .next/static (publicly
  // downloadable). argon2 and postgres are native/Node-only and must load from node_modules.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "postgres"],
  poweredByHeader: false,
};

export default nextConfig;
