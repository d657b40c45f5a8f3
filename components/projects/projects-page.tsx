"use client";

import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { useClients } from "@/lib/queries/clients";
import { useProjects } from "@/lib/queries/projects";
import type { Project } from "@/lib/queries/types";
import { FilterTabs, rememberFilter } from "./filter-tabs";
import type { ProjectFilter } from "./filters";
import { nextColor } from "./palette";
import { ProjectDialog } from "./project-form";
import { ProjectRow } from "./project-row";
import styles from "./manage.module.css";
import { LoadError } from "@/components/ui/load-error";


const EMPTY: Record<ProjectFilter, { title: string; text: string }> = {
  active: { title: "No active projects.", text: "Create one, or restore one from Archived." },
  on_hold: { title: "No projects on hold.", text: "Put a project on hold to pause it without archiving it." },
  archived: { title: "No archived projects.", text: "Archived projects keep their time in reports, and can be restored." },
  all: { title: "No projects yet.", text: "Create one here, or from the timer." },
};

type DialogState = { mode: "create" } | { mode: "edit"; project: Project } | null;

export function ProjectsPage({ initialFilter }: { initialFilter: ProjectFilter }) {
  const projects = useProjects();
  useClients(); // loaded with the page, so the project dialog's client list is there when it opens
  const [filter, setFilter] = useState<ProjectFilter>(initialFilter);
  const [dialog, setDialog] = useState<DialogState>(null);
  const [created, setCreated] = useState<number | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  const all = projects.data ?? [];
  const count = (f: ProjectFilter) => (f === "all" ? all.length : all.filter((p) => p.status === f).length);
  const shown = filter === "all" ? all : all.filter((p) => p.status === filter);
  const changeFilter = (f: ProjectFilter) => {
    setFilter(f);
    rememberFilter("status", f, "active");
  };

  return (
    <section aria-labelledby="projects-title" className="stack">
      <div className={styles.header}>
        <h1 id="projects-title" className="page-title" ref={heading} tabIndex={-1}>
          Projects
        </h1>
        <Button type="button" onClick={() => setDialog({ mode: "create" })}>
          New project
        </Button>
      </div>
      <FilterTabs
        label="Show projects"
        value={filter}
        onChange={changeFilter}
        options={[
          { value: "active", label: "Active", count: projects.data && count("active") },
          { value: "on_hold", label: "On hold", count: projects.data && count("on_hold") },
          { value: "archived", label: "Archived", count: projects.data && count("archived") },
          { value: "all", label: "All", count: projects.data && count("all") },
        ]}
      />
      {projects.isPending ? (
        <Skeleton rows={4} height="3.25rem" />
      ) : projects.isError ? (
        <LoadError what="projects" error={projects.error} onRetry={() => projects.refetch()} />
      ) : all.length === 0 ? (
        <div className="card">
          <EmptyState title="No projects yet.">
            <p>Create one here, or from the timer.</p>
            <Button type="button" onClick={() => setDialog({ mode: "create" })}>
              Create a project
            </Button>
          </EmptyState>
        </div>
      ) : shown.length === 0 ? (
        <div className="card">
          <EmptyState title={EMPTY[filter].title}>
            <p>{EMPTY[filter].text}</p>
          </EmptyState>
        </div>
      ) : (
        <div className={styles.list}>
          <div className={`${styles.projectRow} ${styles.listHead}`} aria-hidden="true">
            <div className={styles.projectName}>Project</div>
            <div className={styles.projectClient}>Client</div>
            <div className={styles.projectStatus}>Status</div>
            <div className={styles.projectBilling}>Billing</div>
            <div className={styles.rowFigures}>Tracked</div>
            <div className={styles.actions} />
          </div>
          <ul className={styles.rows} aria-label={`${shown.length} projects`}>
            {shown.map((p) => (
              <ProjectRow
                key={p.id}
                project={p}
                focusOnMount={p.id === created}
                onEdit={(project) => setDialog({ mode: "edit", project })}
                onStatusChanged={(_project, status) => {
                  // The row leaves this list: its buttons go with it, so focus goes back to the top.
                  if (filter !== "all" && status !== filter) heading.current?.focus();
                }}
              />
            ))}
          </ul>
        </div>
      )}
      <ProjectDialog
        open={dialog !== null}
        onClose={() => setDialog(null)}
        project={dialog?.mode === "edit" ? dialog.project : undefined}
        defaultColor={nextColor(all.length)}
        onSaved={(saved) => {
          if (dialog?.mode === "create") setCreated(saved.id);
          setDialog(null);
          // A new project, or one whose status changed, shows in the list it now belongs to.
          if (filter !== "all" && saved.status !== filter) changeFilter(saved.status);
        }}
      />
    </section>
  );
}
