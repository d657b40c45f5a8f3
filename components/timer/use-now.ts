"use client";

import { useEffect, useState } from "react";

/**
 * The current time, re-rendered every `intervalMs`, corrected by the server's clock when known.
 * Until the page is hydrated it is `initial` (the server's "now" the page was rendered with): the
 * server and the browser then render the same clock, so hydration never meets a different second.
 */
export function useNow(intervalMs: number, offsetMs: number, initial: number): number {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    setNow(Date.now());
    const id = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs]);
  return now === null ? initial : now + offsetMs;
}
