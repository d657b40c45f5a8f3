import { ops } from "@/lib/api/operations";
import { publicRoute } from "@/lib/api/route";
import { checkHealth } from "@/lib/health/check";
import { otherMethods } from "@/lib/api/other-methods";

export const dynamic = "force-dynamic";

export const GET = publicRoute(ops.health, async ({ db }) => {
  const report = await checkHealth(db);
  return Response.json(report, { status: report.status === "healthy" ? 200 : 503, headers: { "Cache-Control": "no-store" } });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
