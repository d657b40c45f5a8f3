"use client";

import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { Suspense, useEffect, useEffectEvent, useMemo, useState } from "react";
import { useContinueEntry } from "@/components/entries/use-continue-entry";
import { EmptyState } from "@/components/ui/empty-state";
import { lazyNamed, useOnceTrue, usePreloadWhenIdleAfter } from "@/components/ui/lazy";
import { Skeleton } from "@/components/ui/skeleton";
import { useMe } from "@/lib/queries/me";
import { usePeriodReport, usePeriodSessions } from "@/lib/queries/period-report";
import type { Entry, Me, PeriodReport } from "@/lib/queries/types";
import { liveOverview } from "@/lib/reports/live";
import { periodOf, todayIn, type Period, type PeriodKind } from "@/lib/time/period";
import { DayChart } from "./day-chart";
import { DayTimeline } from "./day-timeline";
import { PeriodSwitch } from "./period-switch";
import { periodNoun, periodTitle, readSelection, relativeLabel, searchOf, shiftSelection, type Selection } from "./period-state";
import { ProjectBreakdown } from "./project-breakdown";
import { SessionList } from "./session-list";
import { Summary } from "./summary";
import { useTickingNow } from "./use-ticking-now";
import styles from "./overview.module.css";

// Not needed until a session is edited: the dialog's code (the entry form with its zod schema, ~35 kB
// gzipped) loads when the page is idle, not before the month's sessions are on screen.
const EditEntryDialog = lazyNamed(() => import("@/components/entries/entry-dialogs"), "EditEntryDialog");

/**
 * The period the shown report belongs to: the period just left stays on screen (dimmed) until the new
 * period's report has arrived, so navigating does not flash a skeleton, and its sessions are grouped by
 * their own period meanwhile.
 */
function useReportPeriod(placeholder: boolean, period: Period): Period {
  const [settled, setSettled] = useState(period);
  if (!placeholder && settled !== period) setSettled(period);
  return placeholder ? settled : period;
}

/**
 * The selection shown: the URL's, except that a choice made here shows at once, before the router has
 * caught up with the new URL (otherwise a controlled radio would flick back for a moment). Back/forward
 * change the URL and so the selection.
 */
function useSelection(fromUrl: Selection): Selection & { set(next: Selection): void } {
  const urlKey = searchOf(fromUrl);
  const [state, setState] = useState({ urlKey, shown: fromUrl });
  if (state.urlKey !== urlKey) setState({ urlKey, shown: fromUrl });
  const shown = state.urlKey === urlKey ? state.shown : fromUrl;
  return { ...shown, set: (next) => setState({ urlKey, shown: next }) };
}

/** Whether a key press belongs to a text field (so single-key shortcuts must leave it alone). */
function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !["radio", "checkbox", "button", "submit", "reset"].includes(target.type);
}

type Props = {
  me: Me;
  /** Another member whose time this shows (managers and up, from the Team page); null: the user's own. */
  member?: { userId: number; name: string } | null;
  /** The server's render of the URL's period: all its totals and its first FIRST_ROWS sessions (day-rows.ts). */
  firstScreen?: PeriodReport;
};

export function OverviewView({ me: initialMe, member = null, firstScreen }: Props) {
  const { data: me = initialMe } = useMe(initialMe);
  const tz = me.timezone;
  const weekStart = me.week_start;
  const pathname = usePathname();
  const params = useSearchParams();
  const today = todayIn(tz);
  const selection = useSelection(readSelection(params, tz));
  const period = useMemo(() => periodOf(selection.kind, selection.date, tz, weekStart), [selection.kind, selection.date, tz, weekStart]);
  const noun = periodNoun(period.kind);
  const relative = relativeLabel(period, today, tz, weekStart);

  // One request for the whole period (totals and sessions). Asking for the period's first day lets every
  // date inside it share one cache entry.
  const report = usePeriodReport(period.kind, period.start, member?.userId, firstScreen);
  // The server's first screen is this period's own report, only short of sessions: not dimmed, its list
  // is this period's.
  const onFirstScreen = report.isPlaceholderData && firstScreen !== undefined && report.data === firstScreen;
  const previousShown = report.isPlaceholderData && !onFirstScreen;
  const shownPeriod = useReportPeriod(previousShown, period);
  const sessions = usePeriodSessions(report.data, member?.userId);

  const memberQuery = member ? `&member=${member.userId}` : "";
  // The URL holds the selection: reload, back/forward and shared links keep it. Next's router follows
  // history.pushState without a server round trip.
  const go = (next: Selection) => {
    selection.set(next);
    window.history.pushState(null, "", `${pathname}${searchOf(next)}${memberQuery}`);
  };
  const setKind = (kind: PeriodKind) => go({ kind, date: selection.date });
  const step = (steps: number) => go(shiftSelection(selection, steps));
  const goToday = () => go({ kind: selection.kind, date: todayIn(tz) });
  const dayHref = (date: string) => `${pathname}${searchOf({ kind: "day", date })}${memberQuery}`;

  const onKey = useEffectEvent((e: KeyboardEvent) => {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || typingIn(e.target)) return;
    if (document.querySelector("dialog[open]")) return;
    const actions: Record<string, () => void> = e.altKey
      ? { ArrowLeft: () => step(-1), ArrowRight: () => step(1) }
      : { "[": () => step(-1), "]": () => step(1), t: goToday, d: () => setKind("day"), w: () => setKind("week"), m: () => setKind("month") };
    const action = actions[e.key];
    if (!action) return;
    e.preventDefault();
    action();
  });
  useEffect(() => {
    const listener = (e: KeyboardEvent) => onKey(e);
    window.addEventListener("keydown", listener);
    return () => window.removeEventListener("keydown", listener);
  }, []);

  // The server's time now: as_of plus the time since the totals arrived, so the totals and a running
  // session's clock tick together whatever this computer's clock says.
  const ticking = Boolean(report.data?.running) || sessions.some((e) => e.is_active);
  const tick = useTickingNow(ticking);
  // A placeholder (the first screen, or the period just left) stands still at its as_of: it has no time of
  // arrival here, and the server's render and the browser's must agree.
  const now = report.data ? Date.parse(report.data.as_of) + (report.isPlaceholderData ? 0 : Math.max(0, tick - report.dataUpdatedAt)) : tick;
  const data = report.data && liveOverview(report.data, (now - Date.parse(report.data.as_of)) / 1000, todayIn(tz, new Date(now)));
  const [editing, setEditing] = useState<Entry | null>(null);
  const editWanted = useOnceTrue(editing !== null);
  usePreloadWhenIdleAfter(report.isSuccess, EditEntryDialog);
  const continueEntry = useContinueEntry();
  const stale = previousShown;

  let body: React.ReactNode;
  if (report.isPending) {
    body = (
      <div className="stack">
        <div className={styles.summarySkeleton}>
          <Skeleton rows={1} height="4.25rem" />
          <Skeleton rows={1} height="4.25rem" />
          <Skeleton rows={1} height="4.25rem" />
        </div>
        <Skeleton rows={1} height="14rem" />
        <Skeleton rows={3} />
      </div>
    );
  } else if (!data) {
    body = (
      <div className="card" role="alert">
        <p>The overview could not be loaded: {report.error?.message}</p>
        <button type="button" className="button button-secondary button-small" onClick={() => void report.refetch()}>
          Try again
        </button>
      </div>
    );
  } else if (data.entries === 0) {
    body = (
      <div className={`card ${styles.body}`} data-stale={stale || undefined} aria-busy={stale || undefined}>
        <EmptyState title={`No time tracked ${period.kind === "day" ? "on this day" : `this ${noun}`}.`}>
          <p className={styles.emptyText}>
            Start the timer on the <Link href="/">Timer page</Link>.
          </p>
        </EmptyState>
      </div>
    );
  } else {
    body = (
      <div className={`stack ${styles.body}`} data-stale={stale || undefined} aria-busy={stale || undefined}>
        <Summary overview={data} />
        <section className="card" aria-labelledby="overview-chart-title">
          <h2 id="overview-chart-title" className={styles.cardTitle}>
            {period.kind === "day" ? "Timeline" : "Time per day"}
          </h2>
          {period.kind !== "day" ? (
            <DayChart overview={data} today={today} hrefOf={dayHref} onPickDay={(date) => go({ kind: "day", date })} />
          ) : (
            <DayTimeline entries={sessions} period={shownPeriod} tz={tz} now={now} />
          )}
        </section>
        <section className="card" aria-labelledby="overview-projects-title">
          <h2 id="overview-projects-title" className={styles.cardTitle}>
            Projects
          </h2>
          <ProjectBreakdown overview={data} />
        </section>
        <section className="card" aria-labelledby="overview-sessions-title">
          <h2 id="overview-sessions-title" className={styles.cardTitle}>
            Sessions
          </h2>
          {data.sessions_capped && (
            <p className={styles.hint} data-testid="overview-sessions-capped">
              Showing the newest {data.sessions.length.toLocaleString("en")} of {data.entries.toLocaleString("en")} sessions of this {noun}; the totals count them all.
            </p>
          )}
          <SessionList
            key={`${shownPeriod.kind}:${shownPeriod.start}:${member?.userId ?? ""}`}
            entries={sessions}
            period={shownPeriod}
            overview={data}
            tz={tz}
            now={now}
            onEdit={member ? undefined : setEditing}
            onContinue={member ? undefined : continueEntry}
          />
          {onFirstScreen && sessions.length < data.entries && (
            <p className={styles.hint} role="status" data-testid="overview-sessions-loading">
              Loading the other {(data.entries - sessions.length).toLocaleString("en")} sessions…
            </p>
          )}
        </section>
      </div>
    );
  }

  return (
    <section aria-labelledby="overview-title" className={styles.page}>
      <div className={styles.toolbar}>
        <PeriodSwitch value={period.kind} onChange={setKind} />
        <div className={styles.nav}>
          <button type="button" className={`icon-button ${styles.navButton}`} aria-label={`Previous ${noun}`} title={`Previous ${noun} ( [ )`} onClick={() => step(-1)}>
            <span aria-hidden="true">‹</span>
          </button>
          <button type="button" className="button button-secondary button-small" title="Today ( T )" onClick={goToday}>
            Today
          </button>
          <button type="button" className={`icon-button ${styles.navButton}`} aria-label={`Next ${noun}`} title={`Next ${noun} ( ] )`} onClick={() => step(1)}>
            <span aria-hidden="true">›</span>
          </button>
        </div>
      </div>
      <div className={styles.heading}>
        <h1 id="overview-title" className={styles.title} aria-live="polite">
          <span className="visually-hidden">{member ? `Overview of ${member.name}: ` : "Overview: "}</span>
          {periodTitle(period)}
        </h1>
        {relative && <span className={styles.relative}>{relative}</span>}
      </div>
      {member && (
        <p className={styles.member} data-testid="overview-member">
          {member.name}&apos;s time · <Link href="/team">Back to Team</Link> · <Link href="/overview">My overview</Link>
        </p>
      )}
      <p className={styles.hint}>
        <span className={styles.keys}>
          <kbd>[</kbd> <kbd>]</kbd> or <kbd>Alt</kbd>+<kbd>←</kbd> <kbd>→</kbd> previous/next, <kbd>T</kbd> today, <kbd>D</kbd> <kbd>W</kbd> <kbd>M</kbd> period ·{" "}
        </span>
        Times in {tz}
      </p>
      {body}
      {editWanted && (
        <Suspense>
          <EditEntryDialog entry={editing} timezone={tz} onClose={() => setEditing(null)} />
        </Suspense>
      )}
    </section>
  );
}
