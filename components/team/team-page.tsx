"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useState } from "react";
import { EmptyState } from "@/components/ui/empty-state";
import type { TeamMember, TeamReport } from "@/lib/reports/team";
import { formatClock, formatTotal } from "@/lib/time/format";
import styles from "./team.module.css";

// Who is tracking changes by the second: ask again every few seconds (only while the page is visible),
// and count the running sessions up in between.
const POLL_MS = 5_000;
const ROLE_LABEL = { owner: "Owner", admin: "Admin", manager: "Manager", member: "Member" } as const;

type Props = { initial: TeamReport | null; load: (() => Promise<TeamReport>) | null };

/** /team: for managers and up, who is tracking right now and everyone's hours this week and month. */
export function TeamPage({ initial, load }: Props) {
  if (!initial || !load) {
    return (
      <div className="stack">
        <h1 className="page-title">Team</h1>
        <EmptyState title="The Team page is for managers, admins and owners">
          <p>It shows who is tracking and everyone&apos;s hours. Your own time is on the Overview.</p>
        </EmptyState>
      </div>
    );
  }
  return <TeamView initial={initial} load={load} />;
}

function useSecondTick(active: boolean): number | null {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, [active]);
  return now;
}

const dayMonth = (date: string) => new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" }).format(new Date(`${date}T00:00:00Z`));
const monthName = (date: string) => new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${date}T00:00:00Z`));

function TeamView({ initial, load }: { initial: TeamReport; load: () => Promise<TeamReport> }) {
  const query = useQuery({ queryKey: ["team", initial.workspace_id], queryFn: () => load(), initialData: initial, refetchInterval: POLL_MS });
  const report = query.data;
  const running = report.members.filter((m) => m.running);
  const tick = useSecondTick(running.length > 0);
  // The server's clock now: its as_of plus the time since the answer came (before hydration: as_of, so the
  // server and the browser render the same text).
  const asOf = Date.parse(report.as_of);
  const serverNow = tick === null ? asOf : asOf + Math.max(0, tick - query.dataUpdatedAt);
  const sinceAsOf = Math.max(0, serverNow - asOf) / 1000;
  const time = new Intl.DateTimeFormat("en-GB", { timeZone: report.timezone, hour: "2-digit", minute: "2-digit" });
  const dayTime = new Intl.DateTimeFormat("en-GB", { timeZone: report.timezone, weekday: "short", hour: "2-digit", minute: "2-digit" });
  const since = (m: TeamMember) => {
    const start = new Date(m.running!.start_at);
    return serverNow - start.getTime() > 18 * 3600_000 ? dayTime.format(start) : time.format(start);
  };
  const live = (m: TeamMember, seconds: number) => seconds + (m.running ? sinceAsOf : 0);

  return (
    <div className={styles.page}>
      <h1 className="page-title">Team</h1>

      <section className={`card ${styles.section}`} aria-labelledby="team-now">
        <h2 id="team-now">Tracking now</h2>
        {running.length === 0 ? (
          <EmptyState title="Nobody is tracking right now">
            <p>A member who starts a timer in this workspace shows up here within seconds.</p>
          </EmptyState>
        ) : (
          <ul className={styles.now}>
            {running.map((m) => (
              <li key={m.user_id} data-testid="tracking-now">
                <div className={styles.who}>
                  <strong>{m.name}</strong>
                  <span className={styles.what}>
                    {m.running!.project ? (
                      <span className={styles.project}>
                        <span className={styles.dot} style={{ background: m.running!.color ?? "var(--muted)" }} aria-hidden="true" />
                        {m.running!.project}
                      </span>
                    ) : (
                      <span className={styles.muted}>{m.running!.project_id === null ? "No project" : "A private project"}</span>
                    )}
                    {m.running!.description && <span> · {m.running!.description}</span>}
                  </span>
                </div>
                <div className={styles.clock}>
                  <span className={styles.muted}>since {since(m)}</span>
                  <span className={styles.elapsed}>
                    {formatClock((serverNow - Date.parse(m.running!.start_at)) / 1000)}
                  </span>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className={`card ${styles.section}`} aria-labelledby="team-hours">
        <div>
          <h2 id="team-hours">Hours</h2>
          <p className={styles.lead}>
            This week ({dayMonth(report.week.start_date)} – {dayMonth(report.week.end_date)}) and this month ({monthName(report.month.start_date)}), in
            your time zone. Open a member to see their overview.
          </p>
        </div>
        <table className={styles.table}>
          <thead>
            <tr>
              <th scope="col">Member</th>
              <th scope="col" className={styles.num}>
                This week
              </th>
              <th scope="col" className={styles.num}>
                This month
              </th>
            </tr>
          </thead>
          <tbody>
            {report.members.map((m) => (
              <tr key={m.user_id} data-testid="team-member">
                <th scope="row">
                  <Link href={`/overview?member=${m.user_id}`}>{m.name}</Link>
                  <span className={styles.role}>
                    {ROLE_LABEL[m.role]}
                    {m.running && <span className={styles.live}> · tracking</span>}
                  </span>
                </th>
                <td className={styles.num} data-testid="week-hours">
                  {formatTotal(live(m, m.week_seconds))}
                </td>
                <td className={styles.num} data-testid="month-hours">
                  {formatTotal(live(m, m.month_seconds))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
