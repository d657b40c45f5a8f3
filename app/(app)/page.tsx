import { TimerPage } from "@/components/timer/timer-page";
import { userContext } from "@/lib/context";
import { listEntriesBetween } from "@/lib/entries/between";
import { serializeEntry } from "@/lib/entries/serialize";
import { keys } from "@/lib/queries/keys";
import { overviewOf } from "@/lib/reports/team";
import { periodOf, todayIn } from "@/lib/time/period";
import { getRunningEntryDetails } from "@/lib/timer/service";
import { serializeUser } from "@/lib/users/service";

export const metadata = { title: "Timer" };

export default async function HomePage() {
  const { db, user, actor } = await userContext();
  // The page comes with what it shows first (the running session, this week's sessions and totals),
  // read here with the user's session, so its first HTML holds them; the browser refetches them later.
  const now = new Date();
  const week = periodOf("week", todayIn(actor.timezone, now), actor.timezone, actor.weekStart);
  const [running, entries, overview] = await Promise.all([
    getRunningEntryDetails(db, actor),
    listEntriesBetween(db, actor, { from: week.start, to: week.days[week.days.length - 1] }, now),
    overviewOf(db, actor, week, undefined, now),
  ]);
  return (
    <TimerPage
      me={serializeUser(user)}
      initialTimer={{ active: running !== null, timer: running ? serializeEntry(running, now) : null, server_time: now.toISOString() }}
      initialWeek={[
        { key: keys.entriesOfRange(week.start, week.days[week.days.length - 1]), data: entries },
        { key: keys.overviewOf("week", week.start), data: overview },
      ]}
    />
  );
}
