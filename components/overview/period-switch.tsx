"use client";

import { PERIOD_KINDS, type PeriodKind } from "@/lib/time/period";
import styles from "./overview.module.css";

const LABELS: Record<PeriodKind, string> = { day: "Day", week: "Week", month: "Month" };

/** Day / Week / Month as a segmented control: native radios, so Tab reaches it and arrow keys move the choice. */
export function PeriodSwitch({ value, onChange }: { value: PeriodKind; onChange(kind: PeriodKind): void }) {
  return (
    <fieldset className={styles.segmented}>
      <legend className="visually-hidden">Period</legend>
      {PERIOD_KINDS.map((kind) => (
        <label key={kind} className={styles.segment}>
          <input type="radio" name="overview-period" value={kind} checked={kind === value} onChange={() => onChange(kind)} />
          <span>{LABELS[kind]}</span>
        </label>
      ))}
    </fieldset>
  );
}
