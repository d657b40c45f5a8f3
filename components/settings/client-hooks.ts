"use client";

import { useEffect, useState } from "react";

export { useHydrated } from "@/components/ui/use-hydrated";

/** The current time, refreshed every few seconds; null until hydrated (so server and client render the same). */
export function useNow(everyMs = 10_000): Date | null {
  const [now, setNow] = useState<Date | null>(null);
  useEffect(() => {
    setNow(new Date());
    const timer = setInterval(() => setNow(new Date()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
