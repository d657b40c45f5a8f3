import type { Overview } from "@/lib/queries/types";
import { formatTotal } from "@/lib/time/format";
import { projectColor, projectName } from "./colors";
import styles from "./overview.module.css";

/** Time per project (largest first) with each one's share of the period's total. */
export function ProjectBreakdown({ overview }: { overview: Overview }) {
  const total = overview.total_seconds;
  return (
    <ul className={styles.projects} aria-label="Time per project">
      {overview.projects.map((p) => {
        const share = total > 0 ? (p.seconds / total) * 100 : 0;
        return (
          <li key={p.project_id ?? "none"} className={styles.project}>
            <span className={styles.projectName}>
              <span className="color-dot" style={{ background: projectColor(p.color) }} aria-hidden="true" />
              <span className={p.project_id === null ? "muted" : undefined}>{projectName(p.project)}</span>{" "}
              {p.client && <span className={styles.client}>{p.client}</span>}
            </span>{" "}
            <span className={styles.shareBar} aria-hidden="true">
              <span style={{ width: `${share}%`, background: projectColor(p.color) }} />
            </span>
            <span className={`${styles.share} tabular`}>{Math.round(share)}%</span>{" "}
            <span className={`${styles.projectTotal} tabular`}>{formatTotal(p.seconds)}</span>
          </li>
        );
      })}
    </ul>
  );
}
