import { apiRoute } from "@/lib/api/route";
import { stopTimerSchema } from "@/lib/entries/schema";
import { serializeEntry } from "@/lib/entries/serialize";
import { stopTimer } from "@/lib/timer/service";

export const POST = apiRoute({ scope: "write:time_entries", body: stopTimerSchema }, async ({ db, caller, body }) => {
  const entry = await stopTimer(db, caller.user, body);
  return { message: "Timer stopped", time_entry: serializeEntry(entry) };
});
