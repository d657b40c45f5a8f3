import { notFound } from "next/navigation";
import { OverviewView } from "@/components/overview/overview-view";
import { userContext } from "@/lib/context";
import { readSelection } from "@/components/overview/period-state";
import { periodReport } from "@/lib/reports/period";
import { reportedMember } from "@/lib/reports/team";
import { periodOf } from "@/lib/time/period";
import { serializeUser } from "@/lib/users/service";

export const metadata = { title: "Overview" };

type Params = { member?: string | string[]; period?: string | string[]; date?: string | string[] };

/**
 * ?period=&date=: the period shown, whose report comes with the page (no request after it loads);
 * ?member=<user_id>: that member's Overview (managers and up, opened from the Team page).
 */
export default async function OverviewPage({ searchParams }: { searchParams: Promise<Params> }) {
  const { db, user, actor } = await userContext();
  const params = await searchParams;
  const member = typeof params.member === "string" ? await reportedMember(db, actor, params.member) : null;
  if (member === undefined) notFound();
  // The selection as the page reads it from the URL (readSelection), so the report is the one it asks for.
  const selection = readSelection({ get: (name: "period" | "date") => (typeof params[name] === "string" ? params[name] : null) }, actor.timezone);
  const report = await periodReport(db, actor, periodOf(selection.kind, selection.date, actor.timezone, actor.weekStart), { userId: member?.userId });
  return <OverviewView key={member?.userId ?? "me"} me={serializeUser(user)} member={member} initialReport={report} />;
}
