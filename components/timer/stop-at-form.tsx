"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { stopFieldError, useStopTimer } from "@/lib/queries/timer";
import { parseDateTimeInput, toLocalParts } from "@/lib/time/period";
import styles from "./timer.module.css";

type Props = { startTime: string; defaultEnd: Date; timezone: string; onDone?: () => void };

/** The server allows this much clock skew into the future; the form asks for no more. */
const SKEW_MS = 60_000;

/** Why `value` cannot end the session, in a person's words; null when it can. */
function problemWith(value: string, startTime: string, timezone: string): string | null {
  const end = parseDateTimeInput(value, timezone);
  if (!end) return "Enter the date and time the work ended.";
  if (end.getTime() < Date.parse(startTime)) {
    const at = new Date(startTime).toLocaleTimeString("en-GB", { timeZone: timezone });
    return `That is before the timer started (at ${at}). Pick a later time.`;
  }
  if (end.getTime() > Date.now() + SKEW_MS) return "That is still to come. Pick a time that has passed, or use Stop to stop now.";
  return null;
}

/** Stops the running timer at a time the user picks (in their zone): for a timer left running. */
export function StopAtForm({ startTime, defaultEnd, timezone, onDone }: Props) {
  // The field has minutes only: a timer started less than a minute ago would end "before" its start
  // if the default were cut to the minute, so the untouched default is sent to the second.
  const [{ end, defaultText }] = useState(() => {
    const at = new Date(Math.max(defaultEnd.getTime(), Date.parse(startTime)));
    const parts = toLocalParts(at, timezone);
    return { end: at, defaultText: `${parts.date}T${parts.time}` };
  });
  const [value, setValue] = useState(defaultText);
  const [problem, setProblem] = useState<string | null>(null);
  const stop = useStopTimer();
  // Other failures (offline, refused) come as a toast from the hook; the timer keeps running.
  const error = problem ?? stopFieldError(stop.error);
  return (
    <form
      className={styles.stopAt}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const chosen = value === defaultText ? end.toISOString() : value;
        const found = problemWith(chosen, startTime, timezone);
        setProblem(found);
        if (found) return;
        stop.mutate({ end_time: chosen }, { onSuccess: () => onDone?.() });
      }}
    >
      <div className="field">
        <label htmlFor="stop-at">Stop at</label>
        <input
          id="stop-at"
          className="input"
          type="datetime-local"
          value={value}
          onChange={(e) => {
            setValue(e.target.value);
            // An error goes as soon as the time is fixed.
            if (problem) setProblem(problemWith(e.target.value, startTime, timezone));
            if (stop.isError) stop.reset();
          }}
          required
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "stop-at-error" : undefined}
        />
      </div>
      <Button type="submit" disabled={stop.isPending}>
        {stop.isPending ? "Stopping…" : "Stop at this time"}
      </Button>
      {/* On its own line under the field and button, so the button stays level with the field. */}
      {error && (
        <p className={styles.stopAtError} id="stop-at-error">
          {error}
        </p>
      )}
    </form>
  );
}
