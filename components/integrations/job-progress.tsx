"use client";

import type { Job } from "./queries";
import styles from "./integrations.module.css";

const TITLES: Record<Job["kind"], [running: string, done: string]> = {
  import_projects: ["Importing projects…", "Import finished"],
  import: ["Importing activity…", "Import finished"],
  sync: ["Syncing…", "Sync finished"],
};

/** What a running job is doing (its phase), in words. */
const PHASES: Record<string, string> = { projects: "projects", tasks: "tasks", users: "users", pull: "pulling changes", push: "sending entries" };

/** Progress of an import or sync: its phase, done/total and the worker's last message. */
export function JobProgress({ job }: { job: Job }) {
  const [running, done] = TITLES[job.kind] ?? ["Working…", "Finished"];
  const title = job.status === "queued" ? "Waiting for the worker…" : job.status === "running" ? running : job.status === "failed" ? "Failed" : done;
  const finished = job.status === "succeeded" || job.status === "failed";
  return (
    <div className={styles.job} data-status={job.status} role="status" aria-live="polite" data-testid="job-progress">
      <div className={styles.jobLine}>
        <strong>{title}</strong>
        {job.status === "running" && job.phase && PHASES[job.phase] && <span data-testid="job-phase">{PHASES[job.phase]}</span>}
        {job.total !== null && (
          <span>
            {job.done} / {job.total}
          </span>
        )}
        {job.message && <span>{job.message}</span>}
      </div>
      {!finished && <progress max={job.total ?? undefined} value={job.total ? job.done : undefined} aria-label={title} />}
    </div>
  );
}
