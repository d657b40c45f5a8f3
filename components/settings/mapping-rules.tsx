"use client";

import { ProjectPicker } from "@/components/pickers/project-picker";
import { TagPicker } from "@/components/pickers/tag-picker";
import { TaskPicker } from "@/components/pickers/task-picker";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import styles from "./settings.module.css";

export type MappingDraft = {
  key: number;
  field: "activity" | "category" | "document";
  pattern: string;
  project_id?: number | null;
  task_id?: number | null;
  tags?: string[];
  billable?: boolean | null;
};

let nextKey = -1;

const BILLABLE = [
  { value: "", label: "Project default" },
  { value: "true", label: "Billable" },
  { value: "false", label: "Not billable" },
];

/** The mapping rules, first match wins: what matches (activity, category or document text) → project, task,
 *  tags, billable. Add, change and remove; saved with the rest of the form. */
export function MappingRules({ mappings, onChange, errors }: { mappings: MappingDraft[]; onChange: (next: MappingDraft[]) => void; errors: (field: string) => string[] | undefined }) {
  const change = (key: number, patch: Partial<MappingDraft>) => onChange(mappings.map((m) => (m.key === key ? { ...m, ...patch } : m)));
  return (
    <fieldset className={styles.mappings}>
      <legend>Mapping rules</legend>
      <p className={styles.lead}>The first rule that matches a suggestion gives it a project, task, tags and billable. “Always do this” in Review adds one at the top.</p>
      {mappings.length === 0 && <p className="muted">No mapping rules yet.</p>}
      <ol className={styles.mappingList}>
        {mappings.map((m, i) => (
          <li key={m.key} className={styles.mapping} data-testid="mapping-rule">
            <div className="field">
              <label htmlFor={`mapping-${m.key}-field`}>Rule {i + 1}: match</label>
              <select id={`mapping-${m.key}-field`} className="select" value={m.field} onChange={(e) => change(m.key, { field: e.target.value as MappingDraft["field"] })}>
                <option value="activity">Activity name</option>
                <option value="category">Category</option>
                <option value="document">Document or page title containing</option>
              </select>
            </div>
            <TextField label={`Rule ${i + 1}: text`} value={m.pattern} maxLength={200} onChange={(e) => change(m.key, { pattern: e.target.value })} errors={errors(`mappings.${i}.pattern`)} />
            <div className={styles.mappingPickers}>
              <ProjectPicker value={m.project_id ?? null} onChange={(project_id) => change(m.key, { project_id, task_id: null })} label={`Rule ${i + 1} project`} />
              <TaskPicker projectId={m.project_id ?? null} value={m.task_id ?? null} onChange={(task_id) => change(m.key, { task_id })} />
              <TagPicker value={m.tags ?? []} onChange={(tags) => change(m.key, { tags })} />
              <label className={styles.inlineSelect}>
                <span className="visually-hidden">Rule {i + 1} billable</span>
                <select className="select" value={m.billable == null ? "" : String(m.billable)} onChange={(e) => change(m.key, { billable: e.target.value === "" ? null : e.target.value === "true" })}>
                  {BILLABLE.map((b) => (
                    <option key={b.value} value={b.value}>
                      {b.label}
                    </option>
                  ))}
                </select>
              </label>
              <Button type="button" variant="secondary" className="button-small" onClick={() => onChange(mappings.filter((x) => x.key !== m.key))}>
                Delete<span className="visually-hidden"> rule {i + 1}</span>
              </Button>
            </div>
            {(errors(`mappings.${i}.project_id`) ?? errors(`mappings.${i}.task_id`)) && <p className="field-error">{(errors(`mappings.${i}.project_id`) ?? errors(`mappings.${i}.task_id`))![0]}</p>}
          </li>
        ))}
      </ol>
      <div>
        <Button type="button" variant="secondary" onClick={() => onChange([...mappings, { key: nextKey--, field: "activity", pattern: "", project_id: null, task_id: null, tags: [], billable: null }])}>
          Add a mapping rule
        </Button>
      </div>
    </fieldset>
  );
}
