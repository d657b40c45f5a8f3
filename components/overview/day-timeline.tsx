"use client";

import { DateTime } from "luxon";
import { useMemo, type CSSProperties } from "react";
import type { Entry } from "@/lib/queries/types";
import type { Period } from "@/lib/time/period";
import { projectColor, projectName } from "./colors";
import styles from "./overview.module.css";

const TICKS = [0, 3, 6, 9, 12, 15, 18, 21, 24];

/** Places sessions on lanes so that overlapping ones (manual entries may overlap) sit one above the other. */
export function assignLanes(spans: { start: number; end: number }[]): number[] {
  const laneEnds: number[] = [];
  return spans.map((s) => {
    let lane = laneEnds.findIndex((end) => end <= s.start);
    if (lane === -1) lane = laneEnds.length;
    laneEnds[lane] = s.end;
    return lane;
  });
}

/** The day view's chart: the day's sessions on a 24-hour line (a DST day has 23 or 25 hours). */
export function DayTimeline({ entries, period, tz, now }: { entries: Entry[]; period: Period; tz: string; now: number }) {
  const from = period.from.getTime();
  const span = period.to.getTime() - from;
  const time = useMemo(() => new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: tz }), [tz]);

  const blocks = [...entries]
    .sort((a, b) => a.start_time.localeCompare(b.start_time))
    .map((e) => {
      const start = Math.max(from, new Date(e.start_time).getTime());
      const end = Math.min(from + span, e.end_time ? new Date(e.end_time).getTime() : now);
      return { e, start, end: Math.max(start, end) };
    });
  const lanes = assignLanes(blocks);
  const laneCount = Math.max(1, ...lanes.map((l) => l + 1));
  const midnight = DateTime.fromJSDate(period.from, { zone: tz });
  const pct = (t: number) => `${((t - from) / span) * 100}%`;

  return (
    <div className={styles.timeline} role="img" aria-label="The day's sessions on a 24-hour line; they are listed below." style={{ "--lanes": laneCount } as CSSProperties}>
      <div className={styles.timelineTrack}>
        {TICKS.map((h) => (
          <span key={h} className={styles.timelineTick} style={{ left: pct(h === 24 ? from + span : midnight.set({ hour: h }).toMillis()) }} />
        ))}
        {now >= from && now < from + span && <span className={styles.timelineNow} style={{ left: pct(now) }} title="Now" />}
        {blocks.map(({ e, start, end }, i) => (
          <span
            key={e.id}
            className={styles.timelineBlock}
            data-running={e.is_active || undefined}
            style={{ left: pct(start), width: `max(3px, ${((end - start) / span) * 100}%)`, top: `calc(${lanes[i]} * var(--lane-h))`, background: projectColor(e.project_color) }}
            title={`${e.notes || "(no name)"} · ${projectName(e.project)} · ${time.format(new Date(e.start_time))}–${e.end_time ? time.format(new Date(e.end_time)) : "now"}`}
          />
        ))}
      </div>
      <div className={styles.timelineLabels} aria-hidden="true">
        {TICKS.map((h) => (
          <span key={h} data-minor={h % 6 !== 0 || undefined} style={{ left: pct(h === 24 ? from + span : midnight.set({ hour: h }).toMillis()) }}>
            {String(h).padStart(2, "0")}:00
          </span>
        ))}
      </div>
    </div>
  );
}
