import { ops } from "@/lib/api/operations";
import { publicRoute } from "@/lib/api/route";
import { APP_VERSION } from "@/lib/version";
import { otherMethods } from "@/lib/api/other-methods";

export const GET = publicRoute(ops.info, async () => ({
  api_version: "v1",
  app_version: APP_VERSION,
  documentation_url: "/api/docs",
  openapi_url: "/api/v1/openapi.json",
  endpoints: Object.fromEntries(Object.entries(ops).map(([id, op]) => [id, `${op.method} /api/v1${op.path}`])),
}));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
