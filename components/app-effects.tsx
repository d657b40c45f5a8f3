"use client";

import { useEffect } from "react";
import { useCrossTabSync } from "@/lib/queries/sync";
import { usePreferences } from "@/lib/stores/preferences";

function applyTheme(theme: string) {
  if (theme === "system") delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
}

/**
 * What every signed-in page does besides showing itself: it hears the other tabs' changes, and follows
 * theme changes (Settings). The stored theme is on the page before its first paint (THEME_SCRIPT).
 * Its code (with zustand's persist middleware) loads after the page's (see Providers).
 */
export function AppEffects() {
  useCrossTabSync();
  useEffect(() => {
    applyTheme(usePreferences.getState().theme);
    return usePreferences.subscribe((s, before) => s.theme !== before.theme && applyTheme(s.theme));
  }, []);
  return null;
}
