import { z } from "zod";
import { requiredName } from "@/lib/api/fields";
import { groupedReportQuery } from "@/lib/reports/builder/query-schema";
import { reportSearch } from "@/lib/reports/builder/search";

// One schema per input of saved reports and their share links, shared by the API and the Reports page.

/** How many saved reports one member keeps in one workspace, and live links one saved report has. */
export const MAX_SAVED_REPORTS = 100;
export const MAX_SHARE_LINKS = 20;

/**
 * A report's query string as the Reports page's URL holds it ("range=last_month&group_by=project"),
 * checked with the report's own schema and written back in its one order: cursor, format, columns and bom
 * are not part of a report (an export or a page of entries is asked for beside it), so they are dropped.
 */
export const reportParams = z
  .string({ error: "params must be a report's query string, e.g. range=last_month&group_by=project." })
  .max(4000, "params: at most 4000 characters.")
  .transform((s, ctx) => {
    const parsed = groupedReportQuery.safeParse(Object.fromEntries(new URLSearchParams(s.trim().replace(/^\?/, ""))));
    if (parsed.success) return reportSearch(parsed.data);
    for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", message: `${issue.path.join(".") || "params"}: ${issue.message}` });
    return z.NEVER;
  })
  .describe("The report's query string, as GET /reports/grouped takes it (e.g. range=last_month&group_by=project,tag); stored normalised, without format, columns, bom or cursor");

const name = requiredName("Name", 100);

export const createSavedReportSchema = z.object({ name, params: reportParams });
export type CreateSavedReportInput = z.input<typeof createSavedReportSchema>;

export const updateSavedReportSchema = z
  .object({ name: name.optional(), params: reportParams.optional() })
  .refine((v) => v.name !== undefined || v.params !== undefined, { path: ["name"], message: "Send name, params or both." });
export type UpdateSavedReportInput = z.input<typeof updateSavedReportSchema>;

export const createShareLinkSchema = z.object({
  expires_at: z.iso
    .datetime({ offset: true, error: "expires_at must be a date-time like 2026-12-31T23:59:59Z." })
    .nullable()
    .optional()
    .describe("When the link stops working (ISO 8601 date-time, in the future); absent or null: until revoked"),
});
export type CreateShareLinkInput = z.input<typeof createShareLinkSchema>;
