"use client";

import type { SuggestionStatus } from "@/lib/queries/suggestions";
import styles from "./review.module.css";

const OPTIONS: { value: SuggestionStatus; label: string }[] = [
  { value: "pending", label: "Pending" },
  { value: "accepted", label: "Accepted" },
  { value: "ignored", label: "Ignored" },
];

/** Which suggestions the page shows: a group of toggle buttons, the current one pressed. */
export function StatusFilter({ value, onChange }: { value: SuggestionStatus; onChange: (next: SuggestionStatus) => void }) {
  return (
    <div role="group" aria-label="Show suggestions" className={styles.filter}>
      {OPTIONS.map((o) => (
        <button key={o.value} type="button" className={styles.filterButton} aria-pressed={value === o.value} onClick={() => onChange(o.value)}>
          {o.label}
        </button>
      ))}
    </div>
  );
}
