import { notFound } from "next/navigation";
import { FIRST_ROWS } from "@/components/overview/day-rows";
import { readSelection } from "@/components/overview/period-state";
import { OverviewView } from "@/components/overview/overview-view";
import { userContext } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { periodReportPath } from "@/lib/queries/period-path";
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
  // The browser asks for the period's report as soon as it reads the page's head (a preload the page's
  // own request then takes up), not after it has loaded and run the page's code (~360 ms later on the
  // benchmark's machine): the server computes it while the browser does that. The browser computes the
  // same period from the same URL; if it does not (midnight passed), it asks for its own.
  const selection = readSelection({ get: (name) => (typeof search[name] === "string" ? (search[name] as string) : null) }, actor.timezone);
  const period = periodOf(selection.kind, selection.date, actor.timezone, actor.weekStart);
  // The page's HTML comes with the period's totals and its first screenful of sessions (a few
  // milliseconds of the server's time), shown before the browser has run any of the page's code; the
  // preloaded whole period replaces them when it arrives.
  // A refusal the API would answer (a zone the database does not know) is left to the page's own request,
  // which shows it with a way to try again.
  const first = await periodReport(db, actor, period, { userId: member?.userId, firstRows: FIRST_ROWS }).catch((e: unknown) => {
    if (e instanceof AppError) return undefined;
    throw e;
  });
  // A <link> element, not react-dom's preload(): the page renders after the layout's shell has gone out,
  // and React sends a late preload hint only to the browser's code, which is what this is meant to beat.
  return (
    <>
      <link rel="preload" as="fetch" crossOrigin="anonymous" href={`/api/v1${periodReportPath(period.kind, period.start, member?.userId)}`} />
      <OverviewView key={member?.userId ?? "me"} me={serializeUser(user)} member={member} firstScreen={first} />
    </>
  );
}
