"use client";

import { useId } from "react";
import { PALETTE } from "./palette";
import styles from "./manage.module.css";

/** The project colour: ten swatches (radio buttons, arrow keys move between them) or any colour. */
export function ColorField({ value, onChange, error }: { value: string; onChange: (color: string) => void; error?: string }) {
  const name = useId();
  const errorId = `${name}-error`;
  const inPalette = PALETTE.some((c) => c.value === value.toLowerCase());
  return (
    <fieldset className={styles.colorField} aria-describedby={error ? errorId : undefined}>
      <legend>Colour</legend>
      <div className={styles.swatches}>
        {PALETTE.map((c) => (
          <label key={c.value} className={styles.swatch} title={c.name}>
            <input
              type="radio"
              name={name}
              value={c.value}
              checked={value.toLowerCase() === c.value}
              onChange={() => onChange(c.value)}
              className={styles.swatchInput}
              aria-label={c.name}
            />
            <span className={styles.swatchDot} style={{ background: c.value }} aria-hidden="true" />
          </label>
        ))}
        <label className={styles.customColor} data-selected={!inPalette || undefined}>
          <input type="color" value={value} onChange={(e) => onChange(e.target.value)} />
          <span>Custom colour</span>
        </label>
      </div>
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
    </fieldset>
  );
}
