import { openApiDocument } from "@/lib/api/openapi";
import { ops } from "@/lib/api/operations";
import { publicRoute } from "@/lib/api/route";
import { APP_VERSION } from "@/lib/version";
import { otherMethods } from "@/lib/api/other-methods";

export const GET = publicRoute(ops.openapi, async () => Response.json(openApiDocument(APP_VERSION), { headers: { "Cache-Control": "public, max-age=300" } }));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
