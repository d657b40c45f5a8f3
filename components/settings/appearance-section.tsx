"use client";

import { useSyncExternalStore } from "react";
import { usePreferences, type Theme } from "@/lib/stores/preferences";
import styles from "./settings.module.css";

const THEMES: { value: Theme; label: string; hint: string }[] = [
  { value: "system", label: "System", hint: "Follows your device" },
  { value: "light", label: "Light", hint: "Always light" },
  { value: "dark", label: "Dark", hint: "Always dark" },
];

/**
 * The theme of this browser. The store is read after hydration only (the server cannot know it), so the
 * server's HTML and the first client render agree; the app applies the choice (components/providers.tsx,
 * and the inline script of app/layout.tsx before the first paint).
 */
export function AppearanceSection() {
  const theme = useSyncExternalStore(
    usePreferences.subscribe,
    () => usePreferences.getState().theme,
    () => null,
  );
  const setTheme = usePreferences((s) => s.setTheme);
  return (
    <section className={`card ${styles.section}`} aria-labelledby="settings-appearance">
      <div>
        <h2 id="settings-appearance">Appearance</h2>
        <p className={styles.lead}>Saved in this browser only.</p>
      </div>
      <fieldset className={styles.themes}>
        <legend className="visually-hidden">Theme</legend>
        {THEMES.map((t) => (
          <label key={t.value} className={styles.theme}>
            <input type="radio" name="theme" value={t.value} checked={theme === t.value} onChange={() => setTheme(t.value)} />
            <span className={styles.swatch} data-swatch={t.value} aria-hidden="true" />
            <span>
              <span className={styles.themeLabel}>{t.label}</span>
              <span className={styles.themeHint}>{t.hint}</span>
            </span>
          </label>
        ))}
      </fieldset>
    </section>
  );
}
