import { apiRoute } from "@/lib/api/route";
import { serializeEntry } from "@/lib/entries/serialize";
import { getRunningEntryDetails } from "@/lib/timer/service";

export const GET = apiRoute({ scope: "read:time_entries" }, async ({ db, caller }) => {
  const running = await getRunningEntryDetails(db, caller.user.id);
  return { active: running !== null, timer: running ? serializeEntry(running) : null };
});
