"use client";

import { Bar, BarChart, CartesianGrid, Cell, Legend, Pie, PieChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { GroupedReport } from "@/lib/queries/reports";
import { formatTotal } from "@/lib/time/format";
import { GROUP_LABELS } from "./labels";
import styles from "./reports.module.css";

// The Reports page's two charts. This module (and recharts with it) is loaded only by the Reports page,
// through next/dynamic, so no other page's JavaScript grows. The charts draw the API's figures; the
// table is their text alternative, and each chart's label sums it up.

const PALETTE = ["#2563eb", "#d97706", "#059669", "#db2777", "#7c3aed", "#0891b2", "#65a30d", "#dc2626", "#4b5563", "#ca8a04"];
const hours = (seconds: number) => Math.round((seconds / 3600) * 100) / 100;
const tooltipHours = (value: unknown) => `${value} h`;

type Props = { report: GroupedReport; overTime: GroupedReport | undefined; timeKey: "day" | "week" | "month" };

export default function ReportCharts({ report, overTime, timeKey }: Props) {
  const first = report.group_by[0];
  const stacked = overTime?.group_by.length === 2;
  // One series per group of the first level, coloured as the group is (a project's colour) or from the palette.
  const series = new Map<string, { name: string; color: string }>();
  for (const t of overTime?.groups ?? []) {
    for (const s of stacked ? (t.groups ?? []) : []) {
      const key = s.key ?? "none";
      if (!series.has(key)) series.set(key, { name: s.name, color: s.color ?? PALETTE[series.size % PALETTE.length] });
    }
  }
  const bars = (overTime?.groups ?? []).map((t) => ({
    label: t.name,
    ...(stacked ? Object.fromEntries((t.groups ?? []).map((s) => [`s_${s.key ?? "none"}`, hours(s.seconds)])) : { total: hours(t.seconds) }),
  }));
  const shares = report.groups.map((g, i) => ({ name: g.name, value: hours(g.seconds), color: g.color ?? PALETTE[i % PALETTE.length] }));
  const busiest = [...(overTime?.groups ?? [])].sort((a, b) => b.seconds - a.seconds)[0];
  const largest = [...report.groups].sort((a, b) => b.seconds - a.seconds)[0];
  const total = report.totals.seconds || 1;

  const barSummary = overTime
    ? `Bar chart of time per ${timeKey}${stacked ? `, stacked by ${GROUP_LABELS[first].toLowerCase()}` : ""}: ${overTime.groups.length} ${timeKey}s with time` +
      (busiest ? `, the most on ${busiest.name} (${formatTotal(busiest.seconds)})` : "") +
      ". The table holds every figure."
    : "Bar chart of time over the range (loading).";
  const shareSummary =
    `Share of time by ${GROUP_LABELS[first].toLowerCase()}: ${report.groups.length} groups` +
    (largest ? `, the largest ${largest.name} with ${Math.round((largest.seconds / total) * 100)}%` : "") +
    ". The table holds every figure.";

  return (
    <div className={styles.charts} data-testid="report-charts">
      <figure className={`card ${styles.figure}`}>
        <figcaption className={styles.figcaption}>Time per {timeKey}</figcaption>
        <div role="img" aria-label={barSummary} className={styles.chartBox}>
          <ResponsiveContainer width="100%" height={260}>
            <BarChart data={bars} accessibilityLayer={false} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="label" fontSize={12} />
              <YAxis unit=" h" fontSize={12} width={48} />
              <Tooltip formatter={tooltipHours} />
              {stacked ? (
                [...series.entries()].map(([key, s]) => <Bar key={key} dataKey={`s_${key}`} name={s.name} stackId="time" fill={s.color} isAnimationActive={false} />)
              ) : (
                <Bar dataKey="total" name="Time" fill={PALETTE[0]} isAnimationActive={false} />
              )}
              {stacked && <Legend />}
            </BarChart>
          </ResponsiveContainer>
        </div>
      </figure>
      <figure className={`card ${styles.figure}`}>
        <figcaption className={styles.figcaption}>Share by {GROUP_LABELS[first].toLowerCase()}</figcaption>
        <div role="img" aria-label={shareSummary} className={styles.chartBox}>
          <ResponsiveContainer width="100%" height={260}>
            <PieChart accessibilityLayer={false}>
              <Pie data={shares} dataKey="value" nameKey="name" innerRadius="45%" outerRadius="80%" isAnimationActive={false}>
                {shares.map((s) => (
                  <Cell key={s.name} fill={s.color} />
                ))}
              </Pie>
              <Tooltip formatter={tooltipHours} />
              <Legend />
            </PieChart>
          </ResponsiveContainer>
        </div>
      </figure>
    </div>
  );
}
