import { openApiDocument } from "@/lib/api/openapi";
import { ops } from "@/lib/api/operations";
import { publicRoute } from "@/lib/api/route";
import { APP_VERSION } from "@/lib/version";

export const GET = publicRoute(ops.openapi, async () => Response.json(openApiDocument(APP_VERSION), { headers: { "Cache-Control": "public, max-age=300" } }));
