import { ops } from "@/lib/api/operations";
import { apiRoute } from "@/lib/api/route";
import { serializeEntry } from "@/lib/entries/serialize";
import { startTimer } from "@/lib/timer/service";
import { otherMethods } from "@/lib/api/other-methods";

export const POST = apiRoute(ops.timerStart, async ({ db, caller, body }) => {
  const { replace_running, ...input } = body;
  const entry = await startTimer(db, caller.actor, input, { stopRunning: replace_running === true, source: caller.via === "token" ? "api" : "timer" });
  return { message: "Timer started", timer: serializeEntry(entry) };
});

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
