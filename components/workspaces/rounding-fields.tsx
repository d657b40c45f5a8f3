"use client";

import { useId } from "react";
import { FieldMessages } from "@/components/ui/field-messages";
import { ROUNDING_MINUTES, ROUNDING_MODES, ROUNDING_SCOPES, type RoundingMode, type RoundingScope } from "@/lib/reports/builder/query-schema";
import { ROUNDING_MODE_LABELS, ROUNDING_SCOPE_LABELS } from "@/lib/reports/rounding-label";
import styles from "./workspaces.module.css";

export type RoundingValue = { mode: RoundingMode; minutes: number; scope: RoundingScope };
type Errors = { rounding?: string[]; rounding_minutes?: string[]; rounding_scope?: string[] };

/** The workspace's default rounding of reports (a report may override it): mode, then minutes and scope. */
export function RoundingFields({ value, onChange, errors }: { value: RoundingValue; onChange: (patch: Partial<RoundingValue>) => void; errors: Errors }) {
  const id = useId();
  const hintId = `${id}-hint`;
  const select = (suffix: string, label: string, current: string | number, options: { value: string | number; label: string }[], fieldErrors: string[] | undefined, change: (v: string) => void) => {
    const errorId = fieldErrors?.length ? `${id}-${suffix}-error` : undefined;
    return (
      <div className="field">
        <label htmlFor={`${id}-${suffix}`}>{label}</label>
        <select
          id={`${id}-${suffix}`}
          className="select"
          value={current}
          onChange={(e) => change(e.target.value)}
          aria-invalid={errorId ? true : undefined}
          aria-describedby={[hintId, errorId].filter(Boolean).join(" ")}
        >
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
        <FieldMessages errorId={errorId} errors={fieldErrors} />
      </div>
    );
  };
  return (
    <fieldset className={styles.rounding}>
      <legend>Rounding in reports</legend>
      <div className={styles.pair}>
        {select("mode", "Rounding", value.mode, ROUNDING_MODES.map((m) => ({ value: m, label: ROUNDING_MODE_LABELS[m] })), errors.rounding, (v) => onChange({ mode: v as RoundingMode }))}
        {value.mode !== "none" && (
          <>
            {select("minutes", "Round to", value.minutes, ROUNDING_MINUTES.map((m) => ({ value: m, label: `${m} min` })), errors.rounding_minutes, (v) => onChange({ minutes: Number(v) }))}
            {select("scope", "Applied to", value.scope, ROUNDING_SCOPES.map((s) => ({ value: s, label: ROUNDING_SCOPE_LABELS[s] })), errors.rounding_scope, (v) => onChange({ scope: v as RoundingScope }))}
          </>
        )}
      </div>
      <p id={hintId} className={styles.note}>
        Every report rounds this way unless it says otherwise (the Reports page&apos;s Rounding). Each entry: every entry&apos;s time is rounded, then added up; each group&apos;s total:
        a group is rounded once. Raw times are always kept and exported beside the rounded ones.
      </p>
    </fieldset>
  );
}
