import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db";
import { queryRows } from "@/db/rows";
import { id } from "@/lib/api/fields";
import { AppError } from "@/lib/errors";
import { toHours } from "@/lib/time/format";
import { addDays, isValidLocalDate, todayIn } from "@/lib/time/period";
import { sqlTimeZone } from "@/lib/users/database-zones";
import { assertCanOnUser, type MemberActor } from "@/lib/workspaces/actor";
import { dayParts } from "./day-parts";

export const summaryQuery = z.object({
  start_date: z.string().refine(isValidLocalDate, "Use a date like 2026-11-01.").optional(),
  end_date: z.string().refine(isValidLocalDate, "Use a date like 2026-11-30.").optional(),
  project_id: id().optional(),
  user_id: id().optional(),
});
export type SummaryQuery = z.output<typeof summaryQuery>;

type Row = { project_id: number | null; project_name: string | null; seconds: number; billable_seconds: number; entries: number };

/**
 * TimeTracker's summary report: hours of the entries between two local dates (inclusive; default the
 * last 30 days) by project, counted by the one day rule (lib/reports/day-parts.ts): the part of each
 * session inside the range, in whole seconds per local day, as the Overview and the Timer page count it.
 */
export async function summaryReport(db: Db, viewer: MemberActor, q: SummaryQuery, now: Date = new Date()) {
  // Whose time: the actor's own, or (user_id; managers and up) another member's.
  const ownerId = q.user_id ?? viewer.userId;
  await assertCanOnUser(db, viewer, "report.read", ownerId);
  const end = q.end_date ?? todayIn(viewer.timezone, now);
  const start = q.start_date ?? addDays(end, -29);
  if (end < start) throw AppError.validation({ end_date: ["end_date must not be before start_date."] });
  const parts = await dayParts(db, { workspaceId: viewer.workspaceId, userId: ownerId, timezone: await sqlTimeZone(db, viewer.timezone), start, end: addDays(end, 1), now, projectId: q.project_id });
  // Totals per project first, then each project's name by its key: joining projects before grouping
  // made the planner hash the whole projects table.
  const rows = await queryRows<Row>(
    db,
    sql`${parts}
        select x.project_id, (select p.name from projects p where p.id = x.project_id) as project_name, x.seconds, x.billable_seconds, x.entries
        from (
          select parts.project_id,
            sum(parts.seconds)::float8 as seconds,
            sum(case when parts.billable then parts.seconds else 0 end)::float8 as billable_seconds,
            sum(parts.n)::int as entries
          from parts
          group by parts.project_id
        ) x
        order by x.seconds desc`,
  );
  const total = rows.reduce((s, r) => s + Number(r.seconds), 0);
  const billable = rows.reduce((s, r) => s + Number(r.billable_seconds), 0);
  return {
    start_date: start,
    end_date: end,
    total_hours: toHours(total),
    billable_hours: toHours(billable),
    total_entries: rows.reduce((s, r) => s + Number(r.entries), 0),
    by_project: rows.map((r) => ({
      project_id: r.project_id,
      project_name: r.project_name ?? "No project",
      hours: toHours(Number(r.seconds)),
      billable_hours: toHours(Number(r.billable_seconds)),
      entries: Number(r.entries),
    })),
  };
}
