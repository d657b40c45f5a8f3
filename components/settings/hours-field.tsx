"use client";

import { useId, type ReactNode } from "react";
import { FieldMessages } from "@/components/ui/field-messages";
import { describeMinutes, hoursToMinutes } from "./time-zones";
import styles from "./settings.module.css";

type Props = { label: ReactNode; name: string; value: string; onChange: (value: string) => void; hint: string; errors?: string[] };

/** A number of hours ("1.5"), with the same in hours and minutes beside it, its hint and its errors. */
export function HoursField({ label, name, value, onChange, hint, errors }: Props) {
  const id = useId();
  const minutes = hoursToMinutes(value);
  // "1.5" hours also in hours and minutes; whole hours need no translation.
  const converted = minutes !== null && minutes > 0 && minutes % 60 !== 0 ? describeMinutes(minutes) : null;
  const hintId = `${id}-hint`;
  const errorId = errors ? `${id}-error` : undefined;
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        <span className="visually-hidden"> (hours)</span>
      </label>
      <div className={styles.suffixed}>
        <input
          id={id}
          name={name}
          className="input"
          type="text"
          inputMode="decimal"
          autoComplete="off"
          value={value}
          onChange={(e) => onChange(e.target.value)}
          aria-invalid={errors ? true : undefined}
          aria-describedby={[hintId, errorId].filter(Boolean).join(" ")}
        />
        <span aria-hidden="true">
          hours
          {converted && <span className={styles.converted}> = {converted}</span>}
        </span>
      </div>
      <FieldMessages hintId={hintId} hint={hint} errorId={errorId} errors={errors} />
    </div>
  );
}
