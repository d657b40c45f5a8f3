"use client";

import styles from "./manage.module.css";

type Option<T extends string> = { value: T; label: string; count?: number };

/** A row of toggle buttons that filter a list (the pressed one is the current filter). */
export function FilterTabs<T extends string>({ label, options, value, onChange }: { label: string; options: Option<T>[]; value: T; onChange: (v: T) => void }) {
  return (
    <div role="group" aria-label={label} className={styles.tabs}>
      {options.map((o) => (
        <button key={o.value} type="button" className={styles.tab} aria-pressed={o.value === value} onClick={() => onChange(o.value)}>
          {o.label}
          {o.count !== undefined && <span className={styles.tabCount}>{o.count}</span>}
        </button>
      ))}
    </div>
  );
}

/** Keeps a filter in the address bar (?name=value) without a navigation, so a reload shows the same list. */
export function rememberFilter(name: string, value: string, defaultValue: string) {
  const url = new URL(window.location.href);
  if (value === defaultValue) url.searchParams.delete(name);
  else url.searchParams.set(name, value);
  window.history.replaceState(window.history.state, "", url);
}
