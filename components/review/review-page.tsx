"use client";

import { useEffect, useRef, useState } from "react";
import type { EntryFormOutput } from "@/components/entries/entry-form";
import { useShortcuts } from "@/components/timer/use-shortcuts";
import { usePreloadWhenIdle } from "@/components/ui/lazy";
import { LoadError } from "@/components/ui/load-error";
import { Skeleton } from "@/components/ui/skeleton";
import { useMe } from "@/lib/queries/me";
import { useProjects } from "@/lib/queries/projects";
import { useAcceptSuggestion, useAcceptSuggestions, useIgnoreSuggestion, useRestoreSuggestion, useSuggestions, type SuggestionStatus } from "@/lib/queries/suggestions";
import type { Suggestion } from "@/lib/queries/types";
import { localDate } from "@/lib/time/display";
import { AlwaysOffer, type Offer } from "./always-offer";
import { groupByDay } from "./group-days";
import { ReviewDays } from "./review-days";
import { StatusFilter } from "./status-filter";
import { LazyEntryForm } from "./suggestion-card";
import styles from "./review.module.css";

/**
 * /review: the suggestions made from activity, by day. State and keys live here (J/K move the selection,
 * A accept, I ignore, E edit; none while typing or editing); ReviewDays and SuggestionCard render.
 */
export function ReviewPage() {
  const [status, setStatus] = useState<SuggestionStatus>("pending");
  const list = useSuggestions(status);
  const { data: me } = useMe();
  const tz = me?.timezone ?? "UTC";
  const { data: projects = [] } = useProjects();
  const accept = useAcceptSuggestion();
  const acceptAll = useAcceptSuggestions();
  const ignore = useIgnoreSuggestion();
  const restore = useRestoreSuggestion();
  // Nothing is selected until J or K (or a click) picks a card.
  const [index, setIndex] = useState(-1);
  const [editing, setEditing] = useState<number | null>(null);
  const [offer, setOffer] = useState<Offer | null>(null);
  const cards = useRef(new Map<number, HTMLLIElement>());
  usePreloadWhenIdle(LazyEntryForm);

  const days = groupByDay(list.data ?? [], tz);
  const ordered = days.flatMap((d) => d.items);
  const current = index < 0 || !ordered.length ? -1 : Math.min(index, ordered.length - 1);
  const selected: Suggestion | undefined = ordered[current];
  const busy = accept.isPending || acceptAll.isPending || ignore.isPending || restore.isPending;

  // A decided suggestion leaves the list: the next one takes its place, and focus follows when it was lost.
  useEffect(() => {
    if (!selected) return;
    const active = document.activeElement;
    if (!active || active === document.body) cards.current.get(selected.id)?.focus();
  }, [selected?.id]);

  const focusAt = (i: number) => {
    if (!ordered.length) return;
    const next = Math.max(0, Math.min(ordered.length - 1, i));
    setIndex(next);
    cards.current.get(ordered[next].id)?.focus();
  };

  const doAccept = (s: Suggestion, changes?: EntryFormOutput) => {
    accept.mutate(
      { id: s.id, ...changes },
      {
        onSuccess: (entry) => {
          setEditing(null);
          setOffer(entry.project_id ? { id: s.id, notes: entry.notes ?? s.notes, project: projects.find((p) => p.id === entry.project_id)?.name ?? "its project" } : null);
        },
      },
    );
  };

  useShortcuts({
    j: () => editing === null && focusAt(current + 1),
    k: () => editing === null && focusAt(current - 1),
    a: () => editing === null && selected?.status === "pending" && !busy && doAccept(selected),
    i: () => editing === null && selected?.status === "pending" && !busy && ignore.mutate(selected.id),
    e: () => editing === null && selected?.status === "pending" && setEditing(selected.id),
  });

  return (
    <section aria-labelledby="review-title" className="stack">
      <div className={styles.top}>
        <h1 id="review-title" className="page-title">
          Review
        </h1>
        <StatusFilter
          value={status}
          onChange={(next) => {
            setStatus(next);
            setIndex(-1);
            setEditing(null);
          }}
        />
      </div>
      <p className="muted">
        Suggested entries from your activity (RescueTime). Nothing is an entry until you accept it. Keys: <kbd>J</kbd>/<kbd>K</kbd> move, <kbd>A</kbd> accept,{" "}
        <kbd>I</kbd> ignore, <kbd>E</kbd> edit (<kbd>Esc</kbd> leaves the edit).
      </p>
      {offer && (
        <AlwaysOffer
          offer={offer}
          busy={accept.isPending}
          onAlways={() => accept.mutate({ id: offer.id, always: true }, { onSuccess: () => setOffer({ ...offer, done: true }) })}
          onDismiss={() => setOffer(null)}
        />
      )}
      {list.isPending ? (
        <Skeleton rows={4} />
      ) : list.isError ? (
        <LoadError what="suggestions" error={list.error} onRetry={() => list.refetch()} />
      ) : (
        <ReviewDays
          days={days}
          status={status}
          tz={tz}
          today={localDate(new Date(), tz)}
          projects={projects}
          selectedId={selected?.id}
          editing={editing}
          busy={busy}
          acceptError={accept.error}
          cardRef={(id, el) => (el ? cards.current.set(id, el) : cards.current.delete(id))}
          onSelect={(id) => setIndex(ordered.findIndex((s) => s.id === id))}
          onAccept={doAccept}
          onAcceptDay={(ids) => acceptAll.mutate(ids)}
          onIgnore={(s) => ignore.mutate(s.id)}
          onRestore={(s) => restore.mutate(s.id)}
          onEdit={(s) => setEditing(s.id)}
          onCancelEdit={() => {
            const id = editing;
            setEditing(null);
            if (id !== null) requestAnimationFrame(() => cards.current.get(id)?.focus());
          }}
        />
      )}
    </section>
  );
}
