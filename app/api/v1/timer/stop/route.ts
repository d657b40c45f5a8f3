import { ops } from "@/lib/api/operations";
import { apiRoute } from "@/lib/api/route";
import { serializeEntry } from "@/lib/entries/serialize";
import { stopTimer } from "@/lib/timer/service";
import { otherMethods } from "@/lib/api/other-methods";

export const POST = apiRoute(ops.timerStop, async ({ db, caller, body }) => {
  const entry = await stopTimer(db, caller.actor, body);
  return { message: "Timer stopped", time_entry: serializeEntry(entry) };
});

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
