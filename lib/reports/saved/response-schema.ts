import { z } from "zod";
import { iso } from "@/lib/api/responses";

// What /api/v1/saved-reports answers (serializeSavedReport and serializeShareLink of ./service.ts).

export const savedReportShape = z.object({
  id: z.number().int(),
  name: z.string(),
  params: z.string().describe("The report's query string: GET /reports/grouped?<params> (or /reports/detailed) answers it; the Reports page opens /reports?<params>"),
  created_at: iso,
  updated_at: iso,
});

export const shareLinkShape = z.object({
  id: z.number().int(),
  saved_report_id: z.number().int(),
  prefix: z.string().describe("The token's first characters, to tell links apart (the token itself is shown once)"),
  expires_at: iso.nullable(),
  created_at: iso,
  expired: z.boolean(),
});

export const createdShareLinkShape = z.object({
  message: z.string(),
  token: z.string().describe("The link's secret, shown only in this answer"),
  url: z.string().describe("The read-only page of the report, opened without signing in: <public URL>/share/<token>"),
  share_link: shareLinkShape,
});
