import { z } from "zod";
import { id } from "@/lib/api/fields";
import { isValidLocalDate, PERIOD_KINDS, periodOf, todayIn, type Period } from "@/lib/time/period";

export const overviewQuery = z.object({
  period: z.enum(PERIOD_KINDS as [string, ...string[]], { error: "period must be day, week or month." }).default("week"),
  /** Any local date inside the wanted period; default: today in the user's zone. */
  date: z.string().refine(isValidLocalDate, "Use a date like 2026-11-20.").optional(),
  /** Another member's totals (owners, admins and managers; a token needs read:team or admin:all). Default: yours. */
  user_id: id().optional(),
});

/** The period report's query (GET /reports/period): the overview's, and how its sessions are written. */
export const periodQuery = overviewQuery.extend({
  shape: z
    .enum(["objects", "rows"], { error: "shape must be objects or rows." })
    .default("objects")
    .describe("objects (default): `sessions`, each as the entries API writes it. rows: `session_rows`, one array per session and the names of its projects, tasks, tags and owner once (about a quarter of the size for a month)"),
});

export function resolveOverviewPeriod(user: { timezone: string; weekStart: number }, q: z.output<typeof overviewQuery>, now: Date = new Date()): Period {
  return periodOf(q.period as Period["kind"], q.date ?? todayIn(user.timezone, now), user.timezone, user.weekStart);
}
