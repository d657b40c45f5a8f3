"use client";

import { useId } from "react";
import { useUpdateWorkTypes, type Connection } from "./queries";
import styles from "./integrations.module.css";

type WorkTypes = NonNullable<Connection["work_types"]>;

/** Teamleader's work types: the connection's default, and per imported project an override ("Default" = none). */
export function WorkTypes({ connectionId, workTypes }: { connectionId: number; workTypes: WorkTypes }) {
  const update = useUpdateWorkTypes(connectionId);
  const id = useId();
  const name = (workTypeId: string | null) => workTypes.choices.find((w) => w.id === workTypeId)?.name ?? "none";
  return (
    <details className={styles.log} data-testid="work-types">
      <summary>Work types</summary>
      <div className={styles.workTypes}>
        <label htmlFor={`${id}-default`}>Default work type</label>
        <select
          id={`${id}-default`}
          className="select"
          value={workTypes.default_id ?? ""}
          disabled={update.isPending}
          onChange={(e) => update.mutate({ default_id: e.target.value || null })}
        >
          {workTypes.default_id === null && <option value="">None</option>}
          {workTypes.choices.map((w) => (
            <option key={w.id} value={w.id}>
              {w.name}
            </option>
          ))}
        </select>
        {workTypes.projects.map((p) => (
          <WorkTypeOfProject key={p.project_id} project={p} workTypes={workTypes} defaultName={name(workTypes.default_id)} disabled={update.isPending} onChange={(value) => update.mutate({ projects: { [String(p.project_id)]: value } })} />
        ))}
      </div>
    </details>
  );
}

function WorkTypeOfProject(props: { project: WorkTypes["projects"][number]; workTypes: WorkTypes; defaultName: string; disabled: boolean; onChange(value: string | null): void }) {
  const id = useId();
  return (
    <>
      <label htmlFor={id}>{props.project.name}</label>
      <select id={id} className="select" value={props.project.work_type_id ?? ""} disabled={props.disabled} onChange={(e) => props.onChange(e.target.value || null)}>
        <option value="">Default ({props.defaultName})</option>
        {props.workTypes.choices.map((w) => (
          <option key={w.id} value={w.id}>
            {w.name}
          </option>
        ))}
      </select>
    </>
  );
}
