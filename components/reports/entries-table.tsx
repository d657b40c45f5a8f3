import type { ReportEntry } from "@/lib/queries/reports";
import { duration, money } from "./format";
import styles from "./reports.module.css";

/** "3 Nov 2026, 09:00–10:07" in the report's time zone. */
export function when(entry: ReportEntry, timeZone: string): string {
  const date = new Intl.DateTimeFormat("en-GB", { timeZone, day: "numeric", month: "short", year: "numeric" });
  const time = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  const start = new Date(entry.start_time);
  return `${date.format(start)}, ${time.format(start)}–${entry.end_time ? time.format(new Date(entry.end_time)) : "running"}`;
}

/** Rounded per entry: each entry has a rounded time and amount of its own (per group, only the summary has them). */
export const roundsEntries = (r: { rounding: { mode: string; scope: string } }) => r.rounding.mode !== "none" && r.rounding.scope === "entry";

/** The entries table's head (the Reports page adds a last column for its Edit buttons). */
export function EntriesHead({ showMember, showRounded, editColumn = false }: { showMember: boolean; showRounded: boolean; editColumn?: boolean }) {
  const num = (title: string) => (
    <th scope="col" className={styles.num}>
      {title}
    </th>
  );
  return (
    <thead>
      <tr>
        <th scope="col">When</th>
        {showMember && <th scope="col">Member</th>}
        <th scope="col">Description</th>
        <th scope="col">Project</th>
        <th scope="col">Tags</th>
        <th scope="col">Billable</th>
        {num("Duration")}
        {showRounded && num("Rounded")}
        {num("Amount")}
        {showRounded && num("Rounded amount")}
        {editColumn && (
          <th scope="col">
            <span className="visually-hidden">Edit</span>
          </th>
        )}
      </tr>
    </thead>
  );
}

/**
 * The entries' table read-only, as a share link's page shows it (the Reports page's own rows, report-entry-row.tsx,
 * edit in place); rounded per entry, each entry's rounded time and amount beside the raw ones.
 */
export function EntriesTable({ entries, timeZone, currency, showMember, showRounded }: { entries: ReportEntry[]; timeZone: string; currency: string; showMember: boolean; showRounded: boolean }) {
  return (
    <div className={styles.scroll} tabIndex={0} role="region" aria-label="Entries table">
      <table className={styles.table} data-testid="report-entries">
        <caption className="visually-hidden">The entries behind the report</caption>
        <EntriesHead showMember={showMember} showRounded={showRounded} />
        <tbody>
          {entries.map((e) => (
            <tr key={e.id} data-testid="report-entry">
              <td className={styles.nowrap}>{when(e, timeZone)}</td>
              {showMember && <td>{e.user}</td>}
              <td>{e.description || <span className="muted">(no description)</span>}</td>
              <td>
                {e.project ?? <span className="muted">No project</span>}
                {e.client && <span className="muted"> · {e.client}</span>}
                {e.task && <span className="muted"> · {e.task}</span>}
              </td>
              <td>{e.tags.join(", ")}</td>
              <td>{e.billable ? "Yes" : "No"}</td>
              <td className={styles.num}>{duration(e.seconds)}</td>
              {showRounded && <td className={styles.num}>{e.rounded_seconds === null ? "—" : duration(e.rounded_seconds)}</td>}
              <td className={styles.num}>{money(e.amount, currency)}</td>
              {showRounded && <td className={styles.num}>{money(e.rounded_amount, currency)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
