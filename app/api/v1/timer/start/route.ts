import { ops } from "@/lib/api/operations";
import { apiRoute } from "@/lib/api/route";
import { serializeEntry } from "@/lib/entries/serialize";
import { startTimer } from "@/lib/timer/service";

export const POST = apiRoute(ops.timerStart, async ({ db, caller, body }) => {
  const { replace_running, ...input } = body;
  const entry = await startTimer(db, caller.user, input, { stopRunning: replace_running === true, source: caller.via === "token" ? "api" : "timer" });
  return { message: "Timer started", timer: serializeEntry(entry) };
});
