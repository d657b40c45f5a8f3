"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { useClients } from "@/lib/queries/clients";
import { useProjects } from "@/lib/queries/projects";
import { useTags } from "@/lib/queries/tags";
import { useTasks } from "@/lib/queries/tasks";
import { useMembers } from "@/lib/queries/workspaces";
import { GROUP_KEYS, type GroupKey, RANGE_PRESETS, type RangePreset } from "@/lib/reports/builder/query-schema";
import { GROUP_LABELS, RANGE_LABELS } from "./labels";
import { ReportRounding } from "./report-rounding";
import type { ReportState } from "./report-url";
import styles from "./reports.module.css";


type IdField = "user_id" | "client_id" | "project_id" | "task_id" | "tag_id";
type Props = {
  state: ReportState;
  /** The range the API resolved (for a switch to custom dates, which starts from it) and its rounding. */
  resolved?: { start_date: string; end_date: string; rounding?: React.ComponentProps<typeof ReportRounding>["resolved"] };
  canSeeMembers: boolean;
  workspaceId: number;
  update: (patch: Partial<ReportState>) => void;
};

/** The report's range, grouping and filters; every change rewrites the URL, which is the report. */
export function ReportFilters({ state, resolved, canSeeMembers, workspaceId, update }: Props) {
  const clients = useClients().data ?? [];
  const projects = useProjects().data ?? [];
  const tags = useTags().data ?? [];
  const members = useMembers(workspaceId, canSeeMembers);
  const memberList = canSeeMembers ? (members.data ?? []) : [];
  // Tasks belong to a project: the task filter offers those of the one project filtered on.
  const oneProject = state.project_id?.length === 1 ? state.project_id[0] : null;
  const tasks = useTasks(oneProject).data ?? [];
  const [description, setDescription] = useState(state.description ?? "");
  const [shownDescription, setShownDescription] = useState(state.description);
  if (shownDescription !== state.description) {
    setShownDescription(state.description);
    setDescription(state.description ?? "");
  }

  const range: RangePreset = state.range ?? (state.start_date ? "custom" : "this_month");
  const names: Record<IdField, { label: string; options: { id: number; name: string }[] }> = {
    user_id: { label: "Member", options: memberList.map((m) => ({ id: m.user_id, name: m.name })) },
    client_id: { label: "Client", options: clients.map((c) => ({ id: c.id, name: c.name })) },
    project_id: { label: "Project", options: projects.map((p) => ({ id: p.id, name: p.name })) },
    task_id: { label: "Task", options: tasks.map((t) => ({ id: t.id, name: t.name })) },
    tag_id: { label: "Tag", options: tags.map((t) => ({ id: t.id, name: t.name })) },
  };
  const add = (field: IdField, id: number) => update({ [field]: [...new Set([...(state[field] ?? []), id])] });
  const remove = (field: IdField, id: number) => {
    const rest = (state[field] ?? []).filter((v) => v !== id);
    update({ [field]: rest.length ? rest : undefined, ...(field === "project_id" ? { task_id: undefined } : {}) });
  };

  const chips: { key: string; label: string; onRemove: () => void }[] = [];
  for (const field of ["user_id", "client_id", "project_id", "task_id", "tag_id"] as IdField[]) {
    for (const id of state[field] ?? []) {
      const name = names[field].options.find((o) => o.id === id)?.name ?? `#${id}`;
      chips.push({ key: `${field}-${id}`, label: `${names[field].label}: ${name}`, onRemove: () => remove(field, id) });
    }
  }
  if (state.billable !== undefined) chips.push({ key: "billable", label: state.billable ? "Billable only" : "Non-billable only", onRemove: () => update({ billable: undefined }) });
  if (state.has_project !== undefined) chips.push({ key: "has_project", label: state.has_project ? "With a project" : "Without a project", onRemove: () => update({ has_project: undefined }) });
  if (state.description) chips.push({ key: "description", label: `Description contains “${state.description}”`, onRemove: () => update({ description: undefined }) });

  const addSelect = (field: IdField, visible = true) => {
    if (!visible) return null;
    const chosen = new Set(state[field] ?? []);
    const options = names[field].options.filter((o) => !chosen.has(o.id));
    const id = `report-add-${field}`;
    return (
      <div className="field">
        <label htmlFor={id}>{names[field].label}</label>
        <select id={id} className="input" value="" disabled={!options.length} onChange={(e) => e.target.value && add(field, Number(e.target.value))}>
          <option value="">{options.length ? `Add a ${names[field].label.toLowerCase()}…` : `No ${names[field].label.toLowerCase()} to add`}</option>
          {options.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
      </div>
    );
  };

  return (
    <section className={`card ${styles.controls}`} aria-labelledby="report-settings-title">
      <h2 id="report-settings-title" className="visually-hidden">
        Report settings
      </h2>
      <div className={styles.grid}>
        <div className="field">
          <label htmlFor="report-range">Range</label>
          <select
            id="report-range"
            className="input"
            value={range}
            onChange={(e) => {
              const next = e.target.value as RangePreset;
              if (next === "custom") update({ range: "custom", start_date: resolved?.start_date ?? state.start_date, end_date: resolved?.end_date ?? state.end_date });
              else update({ range: next, start_date: undefined, end_date: undefined });
            }}
          >
            {RANGE_PRESETS.map((r) => (
              <option key={r} value={r}>
                {RANGE_LABELS[r]}
              </option>
            ))}
          </select>
        </div>
        {range === "custom" && (
          <>
            <div className="field">
              <label htmlFor="report-start">From</label>
              <input id="report-start" className="input" type="date" value={state.start_date ?? ""} onChange={(e) => e.target.value && update({ start_date: e.target.value })} />
            </div>
            <div className="field">
              <label htmlFor="report-end">To</label>
              <input id="report-end" className="input" type="date" value={state.end_date ?? ""} onChange={(e) => e.target.value && update({ end_date: e.target.value })} />
            </div>
          </>
        )}
        <div className="field">
          <label htmlFor="report-group-1">Group by</label>
          <select
            id="report-group-1"
            className="input"
            value={state.group_by[0]}
            onChange={(e) => {
              const first = e.target.value as GroupKey;
              update({ group_by: state.group_by[1] && state.group_by[1] !== first ? [first, state.group_by[1]] : [first] });
            }}
          >
            {GROUP_KEYS.map((k) => (
              <option key={k} value={k}>
                {GROUP_LABELS[k]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="report-group-2">Then by</label>
          <select
            id="report-group-2"
            className="input"
            value={state.group_by[1] ?? ""}
            onChange={(e) => update({ group_by: e.target.value ? [state.group_by[0], e.target.value as GroupKey] : [state.group_by[0]] })}
          >
            <option value="">Nothing</option>
            {GROUP_KEYS.filter((k) => k !== state.group_by[0]).map((k) => (
              <option key={k} value={k}>
                {GROUP_LABELS[k]}
              </option>
            ))}
          </select>
        </div>
      </div>

      <ReportRounding state={state} resolved={resolved?.rounding} workspaceId={workspaceId} update={update} />

      <fieldset className={styles.filters}>
        <legend>Filters</legend>
        <div className={styles.grid}>
          {addSelect("user_id", canSeeMembers)}
          {addSelect("client_id")}
          {addSelect("project_id")}
          {addSelect("task_id", oneProject !== null)}
          {addSelect("tag_id")}
          {(state.tag_id?.length ?? 0) > 1 && (
            <div className="field">
              <label htmlFor="report-tags">Tags match</label>
              <select id="report-tags" className="input" value={state.tags} onChange={(e) => update({ tags: e.target.value as "any" | "all" })}>
                <option value="any">Any of the tags</option>
                <option value="all">All of the tags</option>
              </select>
            </div>
          )}
          <div className="field">
            <label htmlFor="report-billable">Billable</label>
            <select id="report-billable" className="input" value={state.billable === undefined ? "" : String(state.billable)} onChange={(e) => update({ billable: e.target.value === "" ? undefined : e.target.value === "true" })}>
              <option value="">Billable or not</option>
              <option value="true">Billable only</option>
              <option value="false">Non-billable only</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="report-has-project">Entries</label>
            <select
              id="report-has-project"
              className="input"
              value={state.has_project === undefined ? "" : String(state.has_project)}
              onChange={(e) => update({ has_project: e.target.value === "" ? undefined : e.target.value === "true" })}
            >
              <option value="">With or without a project</option>
              <option value="true">With a project</option>
              <option value="false">Without a project</option>
            </select>
          </div>
          <form
            className="field"
            onSubmit={(e) => {
              e.preventDefault();
              update({ description: description.trim() || undefined });
            }}
          >
            <label htmlFor="report-description">Description contains</label>
            <div className="row">
              <input id="report-description" className={`input ${styles.grow}`} value={description} maxLength={200} onChange={(e) => setDescription(e.target.value)} />
              <Button type="submit" variant="secondary">
                Apply
              </Button>
            </div>
          </form>
        </div>
      </fieldset>

      {chips.length > 0 && (
        <ul className={styles.chips} aria-label="Active filters">
          {chips.map((c) => (
            <li key={c.key} className={styles.chip}>
              <span>{c.label}</span>
              <button type="button" className={styles.chipRemove} aria-label={`Remove filter ${c.label}`} onClick={c.onRemove}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
