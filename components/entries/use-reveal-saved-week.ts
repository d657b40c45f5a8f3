"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useEffectEvent } from "react";
import type { Entry } from "@/lib/queries/types";
import { useToasts } from "@/lib/stores/toasts";
import { localDate } from "@/lib/time/display";
import { weekOf } from "@/lib/time/calendar";

function savedEntry(data: unknown): Entry | null {
  if (!data || typeof data !== "object" || !("start_time" in data) || !("is_active" in data)) return null;
  return (data as Entry).is_active ? null : (data as Entry);
}

/**
 * A session saved (added, edited, stopped) into a week the page does not show is still findable: a
 * toast says which week it is in and offers to show it. Watches every successful save of the page.
 */
export function useRevealSavedWeek(opts: { timezone: string; weekStart: number; shown: string[]; show: (weekStart: string) => void }) {
  const client = useQueryClient();
  const push = useToasts((s) => s.push);
  const onSaved = useEffectEvent((entry: Entry) => {
    const week = weekOf(localDate(entry.start_time, opts.timezone), opts.weekStart);
    if (opts.shown.includes(week.start)) return;
    push({
      message: `“${entry.notes || "(no name)"}” is in the week of ${week.start}, which is not shown.`,
      action: { label: "Show that week", onClick: () => opts.show(week.start) },
      durationMs: 10_000,
    });
  });
  useEffect(
    () =>
      client.getMutationCache().subscribe((event) => {
        if (event.type !== "updated" || event.action.type !== "success") return;
        const entry = savedEntry(event.action.data);
        if (entry) onSaved(entry);
      }),
    [client],
  );
}
