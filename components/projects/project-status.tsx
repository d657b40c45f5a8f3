"use client";

import { useUpdateProject } from "@/lib/queries/projects";
import type { Project } from "@/lib/queries/types";
import { useToasts } from "@/lib/stores/toasts";
import { PROJECT_STATUS_LABEL } from "./format";
import styles from "./manage.module.css";

export function StatusBadge({ status }: { status: Project["status"] }) {
  return (
    <span className={styles.badge} data-status={status}>
      {PROJECT_STATUS_LABEL[status]}
    </span>
  );
}

/**
 * The buttons that move a project between active, on hold and archived. Archiving offers an undo;
 * `onChanged` is told the new status (a list can then move focus if the project left it).
 */
export function StatusActions({ project, onChanged }: { project: Project; onChanged?: (status: Project["status"]) => void }) {
  const update = useUpdateProject();
  const push = useToasts((s) => s.push);
  const pendingStatus = update.isPending ? update.variables?.status : undefined;

  const setStatus = (status: Project["status"], undo?: boolean) =>
    update.mutate(
      { id: project.id, status },
      {
        onSuccess: () => {
          onChanged?.(status);
          if (status === "archived" && !undo) {
            push({ message: `Archived “${project.name}”`, action: { label: "Undo", onClick: () => update.mutate({ id: project.id, status: project.status }) } });
          }
        },
      },
    );

  const button = (status: Project["status"], label: string, busy: string) => (
    <button type="button" className="button button-secondary button-small" disabled={update.isPending} onClick={() => setStatus(status)} aria-label={`${label} ${project.name}`}>
      {pendingStatus === status ? busy : label}
    </button>
  );

  if (project.status === "archived") return button("active", "Restore", "Restoring…");
  return (
    <>
      {project.status === "active" ? button("on_hold", "Put on hold", "Saving…") : button("active", "Resume", "Saving…")}
      {button("archived", "Archive", "Archiving…")}
    </>
  );
}
