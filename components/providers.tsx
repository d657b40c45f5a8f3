"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { Suspense, useState, type ReactNode } from "react";
import { Toaster } from "@/components/toaster";
import { lazyNamed } from "@/components/ui/lazy";

// Off every page's first-load JavaScript: nothing on the first paint needs it.
const AppEffects = lazyNamed(() => import("./app-effects"), "AppEffects");

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
      <Suspense>
        <AppEffects />
      </Suspense>
      {children}
      <Toaster />
    </QueryClientProvider>
  );
}
