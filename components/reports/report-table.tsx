import type { GroupedReport, ReportGroup } from "@/lib/queries/reports";
import { GROUP_LABELS } from "./labels";
import { duration, localDay, money } from "./format";
import { ProjectProgressCell } from "./project-progress-cell";
import styles from "./reports.module.css";

/**
 * The report's groups with their figures exactly as the API answered them: a first-level group's row is
 * the subtotal of its second level, and the last row the total (the API adds rounded rows once; the page
 * never adds anything itself, so it agrees with the API and the exports).
 */
export function ReportTable({ report }: { report: GroupedReport }) {
  const rounded = report.rounding.mode !== "none";
  // By project first, when a project has an estimate or a budget: its progress over all time (as on its page).
  const progress = report.group_by[0] === "project" && report.groups.some((g) => g.estimate || g.budget);
  const levels = report.group_by.map((k) => GROUP_LABELS[k].toLowerCase()).join(", then ");
  const row = (g: ReportGroup | GroupedReport["totals"], label: string, kind: "group" | "sub" | "total", key: string) => {
    const Cell = kind === "total" ? "th" : "td";
    return (
      <tr key={key} className={styles[kind]} data-testid={`report-row-${kind}`}>
        <th scope="row" className={kind === "sub" ? styles.indent : undefined}>
          {label}
        </th>
        <Cell className={styles.num}>{duration(g.seconds)}</Cell>
        <Cell className={styles.num}>{duration(g.billable_seconds)}</Cell>
        <Cell className={styles.num}>{duration(g.rounded_seconds)}</Cell>
        <Cell className={styles.num}>{money(g.amount, report.currency)}</Cell>
        {rounded && <Cell className={styles.num}>{money(g.rounded_amount, report.currency)}</Cell>}
        {progress && <td className={styles.num}>{kind === "group" && "group" in g ? <ProjectProgressCell group={g} currency={report.currency} /> : null}</td>}
      </tr>
    );
  };
  return (
    <div className={styles.scroll} tabIndex={0} role="region" aria-label="Report table">
      <table className={styles.table} data-testid="report-table">
        <caption className="visually-hidden">
          Time by {levels}, {localDay(report.start_date)} – {localDay(report.end_date)}
        </caption>
        <thead>
          <tr>
            <th scope="col">{report.group_by.map((k) => GROUP_LABELS[k]).join(" / ")}</th>
            <th scope="col" className={styles.num}>
              Duration
            </th>
            <th scope="col" className={styles.num}>
              Billable
            </th>
            <th scope="col" className={styles.num}>
              Rounded
            </th>
            <th scope="col" className={styles.num}>
              Amount
            </th>
            {rounded && (
              <th scope="col" className={styles.num}>
                Rounded amount
              </th>
            )}
            {progress && (
              <th scope="col" className={styles.num}>
                Progress <span className="muted">(all time)</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {report.groups.flatMap((g) => [
            row(g, g.name, "group", `g-${g.key}`),
            ...(g.groups ?? []).map((s) => row(s, s.name, "sub", `g-${g.key}-${s.key}`)),
          ])}
        </tbody>
        <tfoot>{row(report.totals, "Total", "total", "total")}</tfoot>
      </table>
    </div>
  );
}
