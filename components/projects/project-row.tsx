"use client";

import Link from "next/link";
import { useEffect, useRef } from "react";
import type { Project } from "@/lib/queries/types";
import { formatRate } from "@/lib/money/format";
import { formatEstimate } from "./format";
import { ProjectRowFigures } from "./project-figures";
import { StatusActions, StatusBadge } from "./project-status";
import styles from "./manage.module.css";

type Props = {
  project: Project;
  onEdit: (p: Project) => void;
  onStatusChanged: (p: Project, status: Project["status"]) => void;
  /** Just created: take focus when it appears (the button that created it may be gone). */
  focusOnMount?: boolean;
};

/** One project: a row of columns on a wide screen, a card on a phone. */
export function ProjectRow({ project, onEdit, onStatusChanged, focusOnMount }: Props) {
  const link = useRef<HTMLAnchorElement>(null);
  useEffect(() => {
    if (focusOnMount) link.current?.focus();
  }, [focusOnMount]);
  const rate = formatRate(project.hourly_rate, project.currency);
  const estimate = formatEstimate(project.estimated_hours);
  return (
    <li className={styles.projectRow} data-testid="project-row" data-status={project.status}>
      <div className={styles.projectName}>
        <span className="color-dot" style={{ background: project.color }} data-color={project.color} aria-hidden="true" />
        <Link href={`/projects/${project.id}`} ref={link}>{project.name}</Link>
      </div>
      <div className={styles.projectClient}>
        <span className="visually-hidden">Client: </span>
        {project.client ?? <span className="muted">No client</span>}
      </div>
      <div className={styles.projectStatus}>
        <StatusBadge status={project.status} />
      </div>
      <div className={styles.projectBilling}>
        <span className={project.billable ? styles.billable : "muted"}>{project.billable ? "Billable" : "Non-billable"}</span>
        {rate && (
          <span className="tabular">
            <span className="visually-hidden">Hourly rate: </span>
            {rate}
          </span>
        )}
        {estimate && (
          <span className="tabular muted">
            <span className="visually-hidden">Estimate: </span>
            {estimate}
          </span>
        )}
      </div>
      <ProjectRowFigures project={project} />
      <div className={styles.actions}>
        <button type="button" className="button button-secondary button-small" onClick={() => onEdit(project)} aria-label={`Edit ${project.name}`}>
          Edit
        </button>
        <StatusActions project={project} onChanged={(status) => onStatusChanged(project, status)} />
      </div>
    </li>
  );
}
