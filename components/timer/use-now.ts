"use client";

import { useEffect, useState } from "react";

/** The current time, re-rendered every `intervalMs`, corrected by the server's clock when known. */
export function useNow(intervalMs = 1000, offsetMs = 0): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs]);
  return now + offsetMs;
}
