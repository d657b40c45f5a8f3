"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { fieldError } from "@/lib/queries/fetch";
import { useStopTimer } from "@/lib/queries/timer";
import { toLocalParts } from "@/lib/time/period";
import styles from "./timer.module.css";

type Props = { defaultEnd: Date; timezone: string; onDone?: () => void };

/** Stops the running timer at a time the user picks (in their zone): for a timer left running. */
export function StopAtForm({ defaultEnd, timezone, onDone }: Props) {
  const parts = toLocalParts(defaultEnd, timezone);
  const [value, setValue] = useState(`${parts.date}T${parts.time}`);
  const stop = useStopTimer();
  const error = fieldError(stop.error, "end_time");
  return (
    <form
      className={styles.stopAt}
      onSubmit={(e) => {
        e.preventDefault();
        stop.mutate({ end_time: value }, { onSuccess: () => onDone?.() });
      }}
    >
      <div className="field">
        <label htmlFor="stop-at">Stop at</label>
        <input id="stop-at" className="input" type="datetime-local" value={value} onChange={(e) => setValue(e.target.value)} required aria-invalid={error ? true : undefined} aria-describedby={error ? "stop-at-error" : undefined} />
        {error && (
          <p className="field-error" id="stop-at-error">
            {error}
          </p>
        )}
      </div>
      <Button type="submit" disabled={stop.isPending}>
        {stop.isPending ? "Stopping…" : "Stop at this time"}
      </Button>
    </form>
  );
}
