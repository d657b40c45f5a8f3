"use client";

import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { TaskList } from "@/components/tasks/task-list";
import { useProject } from "@/lib/queries/projects";
import type { Project } from "@/lib/queries/types";
import { formatRate } from "@/lib/money/format";
import { formatEstimate } from "./format";
import { ProjectFigures } from "./project-figures";
import { ProjectDialog } from "./project-form";
import { StatusActions, StatusBadge } from "./project-status";
import styles from "./manage.module.css";

/** A project's page: what it is (editable in a dialog), its status, and its tasks. */
export function ProjectDetail({ initial }: { initial: Project }) {
  const query = useProject(initial.id, initial);
  const project = query.data ?? initial;
  const [editing, setEditing] = useState(false);

  return (
    <div className="stack">
      <nav aria-label="Breadcrumb">
        <Link href="/projects" className={styles.back}>
          ← All projects
        </Link>
      </nav>
      <section className="card stack" aria-labelledby="project-title">
        <div className={styles.header}>
          <h1 id="project-title" className={`page-title ${styles.detailTitle}`}>
            <span className={`color-dot ${styles.bigDot}`} style={{ background: project.color }} data-color={project.color} aria-hidden="true" />
            {project.name}
          </h1>
          <StatusBadge status={project.status} />
        </div>
        <dl className={styles.facts}>
          <div>
            <dt>Client</dt>
            <dd>{project.client ?? <span className="muted">No client</span>}</dd>
          </div>
          <div>
            <dt>Billing</dt>
            <dd>
              {project.billable ? "Billable" : "Non-billable"}
              {project.hourly_rate != null && <span className="tabular"> · {formatRate(project.hourly_rate, project.currency)}</span>}
            </dd>
          </div>
          <div>
            <dt>Estimate</dt>
            <dd className="tabular">{formatEstimate(project.estimated_hours) ?? <span className="muted">None</span>}</dd>
          </div>
          {project.description && (
            <div className={styles.factWide}>
              <dt>Description</dt>
              <dd className={styles.description}>{project.description}</dd>
            </div>
          )}
        </dl>
        <div className="row">
          <Button type="button" variant="secondary" className="button-small" onClick={() => setEditing(true)}>
            Edit project
          </Button>
          <StatusActions project={project} />
        </div>
        {project.status === "archived" && <p className="muted">This project is archived. Its time stays in reports; restore it to work on it again.</p>}
      </section>
      <ProjectFigures project={project} />
      <TaskList projectId={project.id} projectName={project.name} />
      <ProjectDialog open={editing} onClose={() => setEditing(false)} project={project} defaultColor={project.color} onSaved={() => setEditing(false)} />
    </div>
  );
}
