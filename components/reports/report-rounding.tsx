"use client";

import { useWorkspace } from "@/lib/queries/workspaces";
import { ROUNDING_MINUTES, ROUNDING_MODES, ROUNDING_SCOPES, type RoundingScope } from "@/lib/reports/builder/query-schema";
import { describeRounding, ROUNDING_MODE_LABELS, ROUNDING_SCOPE_LABELS } from "@/lib/reports/rounding-label";
import { type ReportState, type RoundingChoice, roundingChoice, roundingPatch } from "./report-url";
import styles from "./reports.module.css";

type Resolved = { mode: NonNullable<ReportState["rounding"]>; minutes: number; scope: RoundingScope };
type Props = {
  state: ReportState;
  /** The rounding the API applied to the report on screen (its parameters over the workspace's). */
  resolved?: Resolved;
  workspaceId: number;
  update: (patch: Partial<ReportState>) => void;
};

/**
 * The report's rounding: the workspace's setting (named, so one sees what it is) or an override written
 * into the URL (rounding, rounding_minutes, rounding_scope), which the exports take with the rest.
 */
export function ReportRounding({ state, resolved, workspaceId, update }: Props) {
  const workspace = useWorkspace(workspaceId).data;
  const choice = roundingChoice(state, resolved?.mode);
  // Minutes and scope on screen: the URL's, else what the report resolved, else the workspace's.
  const base = resolved ?? (workspace ? { mode: workspace.rounding.mode, minutes: workspace.rounding.minutes, scope: workspace.rounding.scope } : { mode: "none" as const, minutes: 15, scope: "entry" as const });
  const shown = { minutes: state.rounding_minutes ?? base.minutes, scope: state.rounding_scope ?? base.scope };
  const directed = choice !== "default" && choice !== "none";
  return (
    <fieldset className={styles.rounding}>
      <legend>Rounding</legend>
      <div className={styles.grid}>
        <div className="field">
          <label htmlFor="report-rounding">Mode</label>
          <select id="report-rounding" className="input" value={choice} onChange={(e) => update(roundingPatch(e.target.value as RoundingChoice, shown))}>
            <option value="default">Workspace default{workspace ? ` (${describeRounding(workspace.rounding)})` : ""}</option>
            {ROUNDING_MODES.map((m) => (
              <option key={m} value={m}>
                {ROUNDING_MODE_LABELS[m]}
              </option>
            ))}
          </select>
        </div>
        {directed && (
          <>
            <div className="field">
              <label htmlFor="report-rounding-minutes">Round to</label>
              <select id="report-rounding-minutes" className="input" value={shown.minutes} onChange={(e) => update(roundingPatch(choice, { ...shown, minutes: Number(e.target.value) }))}>
                {ROUNDING_MINUTES.map((m) => (
                  <option key={m} value={m}>
                    {m} min
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="report-rounding-scope">Applied to</label>
              <select id="report-rounding-scope" className="input" value={shown.scope} onChange={(e) => update(roundingPatch(choice, { ...shown, scope: e.target.value as RoundingScope }))}>
                {ROUNDING_SCOPES.map((s) => (
                  <option key={s} value={s}>
                    {ROUNDING_SCOPE_LABELS[s]}
                  </option>
                ))}
              </select>
            </div>
          </>
        )}
      </div>
    </fieldset>
  );
}
