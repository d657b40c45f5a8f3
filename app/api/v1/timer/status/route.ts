import { ops } from "@/lib/api/operations";
import { apiRoute } from "@/lib/api/route";
import { serializeEntry } from "@/lib/entries/serialize";
import { getRunningEntryDetails } from "@/lib/timer/service";
import { otherMethods } from "@/lib/api/other-methods";

export const GET = apiRoute(ops.timerStatus, async ({ db, caller }) => {
  const running = await getRunningEntryDetails(db, caller.actor);
  const now = new Date();
  // server_time (Stint): lets a browser with a wrong clock still show the right elapsed time.
  return { active: running !== null, timer: running ? serializeEntry(running, now) : null, server_time: now.toISOString() };
});

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
