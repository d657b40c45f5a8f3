"use client";

import { Suspense, useState } from "react";
import { Button } from "@/components/ui/button";
import { useHydrated } from "@/components/ui/use-hydrated";
import type { Entry } from "@/lib/queries/types";
import { usePreferences } from "@/lib/stores/preferences";
import { formatClock } from "@/lib/time/format";
import { startedAt } from "@/lib/time/headings";
import { StopAtForm } from "./lazy-stop-at-form";
import styles from "./timer.module.css";

type Props = { entry: Entry; now: number; thresholdMinutes: number; timezone: string; today: string };

/** "Still working?" for a timer that has run longer than the user's threshold. */
export function RunawayBanner({ entry, now, thresholdMinutes, timezone, today }: Props) {
  const keepRunning = usePreferences((s) => s.keepRunning);
  const confirm = usePreferences((s) => s.confirmStillWorking);
  const [choosing, setChoosing] = useState(false);
  // The answers live in this browser's storage, which the server cannot see: ask only once hydrated,
  // so the server's page and the first render in the browser agree.
  const hydrated = useHydrated();
  const start = Date.parse(entry.start_time);
  const elapsed = (now - start) / 1000;
  if (!hydrated || elapsed < thresholdMinutes * 60 || keepRunning.includes(entry.id)) return null;
  return (
    <section className={styles.banner} role="region" aria-label="Still working?">
      <p>
        <strong>Still working?</strong> This timer has been running for {formatClock(elapsed)}, since {startedAt(entry.start_time, timezone, today)}.
      </p>
      <div className="row">
        <Button type="button" variant="secondary" onClick={() => confirm(entry.id)}>
          Yes, keep it running
        </Button>
        {!choosing && (
          <Button type="button" onClick={() => setChoosing(true)}>
            No, stop it at…
          </Button>
        )}
      </div>
      <Suspense>{choosing && <StopAtForm startTime={entry.start_time} timezone={timezone} defaultEnd={new Date(start + thresholdMinutes * 60_000)} />}</Suspense>
    </section>
  );
}
