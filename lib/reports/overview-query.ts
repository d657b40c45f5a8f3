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

export function resolveOverviewPeriod(user: { timezone: string; weekStart: number }, q: z.output<typeof overviewQuery>, now: Date = new Date()): Period {
  return periodOf(q.period as Period["kind"], q.date ?? todayIn(user.timezone, now), user.timezone, user.weekStart);
}
