"use server";

import { userContext } from "@/lib/context";
import { teamReport } from "@/lib/reports/team";

/** The Team page's data, polled by the page every few seconds (who is tracking now, hours this week and month). */
export async function teamReportAction() {
  const { db, actor } = await userContext();
  return teamReport(db, actor);
}
