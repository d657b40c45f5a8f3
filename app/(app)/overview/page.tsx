import { notFound } from "next/navigation";
import { readSelection } from "@/components/overview/period-state";
import { OverviewView } from "@/components/overview/overview-view";
import { userContext } from "@/lib/context";
import { periodReport } from "@/lib/reports/period";
import { reportedMember } from "@/lib/reports/team";
import { periodOf } from "@/lib/time/period";
import { serializeUser } from "@/lib/users/service";

export const metadata = { title: "Overview" };

type Search = Record<string, string | string[] | undefined>;

/** ?period=day|week|month&date=YYYY-MM-DD: the period shown; ?member=<user_id>: that member's Overview (managers and up, opened from the Team page). */
export default async function OverviewPage({ searchParams }: { searchParams: Promise<Search> }) {
  const { db, user, actor } = await userContext();
  const search = await searchParams;
  const member = typeof search.member === "string" ? await reportedMember(db, actor, search.member) : null;
  if (member === undefined) notFound();
  // The period's report starts now, not after the browser has loaded and run the page's code: the page
  // is sent at once and the report follows in the same response when ready (not awaited here). The
  // browser computes the same period from the same URL; if it does not (midnight passed), it asks the API.
  const selection = readSelection({ get: (name) => (typeof search[name] === "string" ? (search[name] as string) : null) }, actor.timezone);
  const period = periodOf(selection.kind, selection.date, actor.timezone, actor.weekStart);
  const report = periodReport(db, actor, period, { userId: member?.userId }).catch(() => null);
  return <OverviewView key={member?.userId ?? "me"} me={serializeUser(user)} member={member} early={{ period: period.kind, date: period.start, report }} />;
}
