import { z } from "zod";
import { apiRoute, created } from "@/lib/api/route";
import { startTimerSchema } from "@/lib/entries/schema";
import { serializeEntry } from "@/lib/entries/serialize";
import { startTimer } from "@/lib/timer/service";

// replace_running (Stint): stop a running timer at the same instant instead of answering 409.
const body = startTimerSchema.extend({ replace_running: z.boolean().optional() });

export const POST = apiRoute({ scope: "write:time_entries", body }, async ({ db, caller, body }) => {
  const { replace_running, ...input } = body;
  const entry = await startTimer(db, caller.user, input, { stopRunning: replace_running === true, source: caller.via === "token" ? "api" : "timer" });
  return created({ message: "Timer started", timer: serializeEntry(entry) });
});
