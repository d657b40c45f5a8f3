"use client";

import { Dialog } from "@/components/ui/dialog";
import type { Entry } from "@/lib/queries/types";
import { StopAtForm } from "./stop-at-form";

type Props = { running: Entry | null; open: boolean; timezone: string; now: number; onClose: () => void };

/** "Stop the timer at a past time", for the running session. */
export function StopAtDialog({ running, open, timezone, now, onClose }: Props) {
  return (
    <Dialog open={open} onClose={onClose} title="Stop the timer at a past time">
      {running && <StopAtForm key={running.id} startTime={running.start_time} timezone={timezone} defaultEnd={new Date(now)} onDone={onClose} />}
    </Dialog>
  );
}
