"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useEffect, useState, type ReactNode } from "react";
import { Toaster } from "@/components/toaster";
import { useCrossTabSync } from "@/lib/queries/sync";

function applyTheme(theme: string) {
  if (theme === "system") delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
}

function AppEffects() {
  useCrossTabSync();
  // The stored theme is on the page before its first paint (THEME_SCRIPT); this follows later changes
  // (Settings). The preferences store (with zustand's persist middleware) loads after the page, off
  // every page's first-load JavaScript.
  useEffect(() => {
    let unsubscribe: (() => void) | undefined;
    let gone = false;
    void import("@/lib/stores/preferences").then(({ usePreferences }) => {
      if (gone) return;
      applyTheme(usePreferences.getState().theme);
      unsubscribe = usePreferences.subscribe((s, before) => s.theme !== before.theme && applyTheme(s.theme));
    });
    return () => {
      gone = true;
      unsubscribe?.();
    };
  }, []);
  return null;
}

export function Providers({ children }: { children: ReactNode }) {
  const [client] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: { staleTime: 5_000, refetchOnWindowFocus: true, retry: 1 },
          mutations: { retry: 0 },
        },
      }),
  );
  return (
    <QueryClientProvider client={client}>
      <AppEffects />
      {children}
      <Toaster />
    </QueryClientProvider>
  );
}
