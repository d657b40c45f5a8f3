"use client";

import type { EntryFormOutput } from "@/components/entries/entry-form";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import type { SuggestionStatus } from "@/lib/queries/suggestions";
import type { Project, Suggestion } from "@/lib/queries/types";
import { dayHeading } from "@/lib/time/headings";
import { describeDuration } from "@/lib/time/duration";
import { SuggestionCard } from "./suggestion-card";
import styles from "./review.module.css";

type Props = {
  days: { day: string; items: Suggestion[]; seconds: number }[];
  status: SuggestionStatus;
  tz: string;
  today: string;
  projects: Project[];
  selectedId: number | undefined;
  editing: number | null;
  busy: boolean;
  acceptError: unknown;
  cardRef: (id: number, el: HTMLLIElement | null) => void;
  onSelect: (id: number) => void;
  onAccept: (s: Suggestion, changes?: EntryFormOutput) => void;
  onAcceptDay: (ids: number[]) => void;
  onIgnore: (s: Suggestion) => void;
  onRestore: (s: Suggestion) => void;
  onEdit: (s: Suggestion) => void;
  onCancelEdit: () => void;
};

const EMPTY: Record<SuggestionStatus, { title: string; body: React.ReactNode }> = {
  pending: {
    title: "Nothing to review.",
    body: (
      <p>
        When <a href="/settings/integrations">RescueTime is connected</a>, its activity is turned into suggested entries that wait here. Shape them in{" "}
        <a href="/settings/suggestions">Settings → Suggestions</a>.
      </p>
    ),
  },
  accepted: { title: "No accepted suggestions.", body: <p>Suggestions you accept become time entries and are listed here.</p> },
  ignored: { title: "No ignored suggestions.", body: <p>Ignored suggestions stay here, out of the inbox, until you restore them.</p> },
};

/** The suggestions by day: a heading with the day's total and "Accept all", then the cards. */
export function ReviewDays(p: Props) {
  if (!p.days.length)
    return (
      <div className="card">
        <EmptyState title={EMPTY[p.status].title}>{EMPTY[p.status].body}</EmptyState>
      </div>
    );
  return (
    <div className={styles.days}>
      {p.days.map((d) => (
        <section key={d.day} className={styles.day} aria-labelledby={`review-day-${d.day}`} data-testid="review-day">
          <header className={styles.dayHeader}>
            <h2 id={`review-day-${d.day}`}>{dayHeading(d.day, p.today)}</h2>
            <span className={styles.dayTotal}>{describeDuration(d.seconds)}</span>
            {p.status === "pending" && (
              <Button type="button" variant="secondary" className="button-small" disabled={p.busy} onClick={() => p.onAcceptDay(d.items.slice(0, 100).map((s) => s.id))}>
                Accept all ({d.items.length})<span className="visually-hidden"> of {dayHeading(d.day, p.today)}</span>
              </Button>
            )}
          </header>
          <ul className={styles.cards}>
            {d.items.map((s) => (
              <SuggestionCard
                key={s.id}
                ref={(el) => p.cardRef(s.id, el)}
                s={s}
                tz={p.tz}
                projects={p.projects}
                selected={s.id === p.selectedId}
                editing={s.id === p.editing}
                busy={p.busy}
                error={s.id === p.editing ? p.acceptError : undefined}
                onSelect={() => p.onSelect(s.id)}
                onAccept={(changes) => p.onAccept(s, changes)}
                onIgnore={() => p.onIgnore(s)}
                onRestore={() => p.onRestore(s)}
                onEdit={() => p.onEdit(s)}
                onCancelEdit={p.onCancelEdit}
              />
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
