"use client";

import type { CSSProperties, MouseEvent } from "react";
import type { Overview } from "@/lib/queries/types";
import { formatTotal } from "@/lib/time/format";
import { projectColor, projectName } from "./colors";
import { dayOfMonth, longDate, shortDateParts } from "./period-state";
import styles from "./overview.module.css";

/** The top of the hour axis and the distance between its lines: at most four lines, on whole hours. */
export function hourScale(maxSeconds: number): { top: number; step: number } {
  const hours = Math.max(1, Math.ceil(maxSeconds / 3600));
  const step = [1, 2, 3, 4, 6, 8, 12].find((s) => Math.ceil(hours / s) <= 4) ?? 12;
  return { step: step * 3600, top: Math.ceil(hours / step) * step * 3600 };
}

type Props = {
  overview: Overview;
  today: string;
  /** Where a day's bar leads (its day view) and what a plain click on it does. */
  hrefOf(date: string): string;
  onPickDay(date: string): void;
};

/**
 * Bars per day, stacked by project. The bars are a list of links whose names carry the date and its
 * totals, so a screen reader reads the chart as the per-day table it stands for; each opens its day.
 */
export function DayChart({ overview, today, hrefOf, onPickDay }: Props) {
  const order = new Map(overview.projects.map((p, i) => [p.project_id, i]));
  const byId = new Map(overview.projects.map((p) => [p.project_id, p]));
  const { top, step } = hourScale(Math.max(0, ...overview.days.map((d) => d.seconds)));
  const lines = Array.from({ length: top / step }, (_, i) => (i + 1) * step);
  const month = overview.kind === "month";

  const click = (date: string) => (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return; // new tab/window: let the browser do it
    e.preventDefault();
    onPickDay(date);
  };

  return (
    <div className={styles.chart} data-kind={overview.kind} style={{ "--lines": lines.length } as CSSProperties}>
      <div className={styles.axis} aria-hidden="true">
        {lines.map((s) => (
          <span key={s} style={{ bottom: `${(s / top) * 100}%` }}>
            {s / 3600}h
          </span>
        ))}
      </div>
      <div className={styles.plot}>
        <div className={styles.gridlines} aria-hidden="true" />
        <ol className={styles.bars} aria-label="Time per day">
          {overview.days.map((d) => {
            const [weekday, dom] = shortDateParts(d.date);
            const segments = [...d.projects].sort((a, b) => (order.get(a.project_id) ?? 0) - (order.get(b.project_id) ?? 0));
            const breakdown = segments.map((s) => `${projectName(byId.get(s.project_id)?.project)} ${formatTotal(s.seconds)}`).join(", ");
            const name = `${longDate(d.date)}: ${formatTotal(d.seconds)}${d.billable_seconds > 0 ? `, billable ${formatTotal(d.billable_seconds)}` : ""}`;
            const height = top > 0 ? (d.seconds / top) * 100 : 0;
            const minor = month && (dayOfMonth(d.date) - 1) % 7 !== 0;
            return (
              <li key={d.date} className={styles.col} data-date={d.date} data-today={d.date === today || undefined}>
                <a href={hrefOf(d.date)} onClick={click(d.date)} title={breakdown ? `${name} (${breakdown})` : name}>
                  <span className="visually-hidden">{name}</span>
                  <span className={styles.track} aria-hidden="true">
                    {d.seconds > 0 && (
                      <>
                        {!month && (
                          <span className={styles.barValue} style={{ bottom: `${height}%` }}>
                            {formatTotal(d.seconds)}
                          </span>
                        )}
                        <span className={styles.stack} style={{ height: `${height}%` }}>
                          {segments.map((s) => (
                            <span key={s.project_id ?? "none"} style={{ flexGrow: s.seconds, background: projectColor(byId.get(s.project_id)?.color) }} />
                          ))}
                        </span>
                      </>
                    )}
                  </span>
                  <span className={styles.dayLabel} aria-hidden="true" data-minor={minor || undefined}>
                    {month ? (
                      dom
                    ) : (
                      <>
                        <span>{weekday}</span> <span>{dom}</span>
                      </>
                    )}
                  </span>
                </a>
              </li>
            );
          })}
        </ol>
      </div>
    </div>
  );
}
