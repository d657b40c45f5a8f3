import { TimerPage } from "@/components/timer/timer-page";
import { userContext } from "@/lib/context";
import { serializeEntry } from "@/lib/entries/serialize";
import { getRunningEntryDetails } from "@/lib/timer/service";
import { serializeUser } from "@/lib/users/service";

export const metadata = { title: "Timer" };

export default async function HomePage() {
  const { db, user, actor } = await userContext();
  // The running session comes with the page, so a reload shows it at once (then it is refetched).
  const running = await getRunningEntryDetails(db, actor);
  const now = new Date();
  return (
    <TimerPage
      me={serializeUser(user)}
      initialTimer={{ active: running !== null, timer: running ? serializeEntry(running, now) : null, server_time: now.toISOString() }}
    />
  );
}
