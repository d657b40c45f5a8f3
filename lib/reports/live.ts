import type { Overview } from "./overview";

/**
 * An overview `elapsedSeconds` after its `as_of`, while its running session still runs: the browser's
 * only part in the day rule. The server counted the running session up to `as_of` (a whole second of
 * its clock); the seconds since then belong to `today` (the local date now), its project and, when
 * billable, the billable totals. Returns the overview unchanged when nothing runs or today is not in it.
 *
 * `elapsedSeconds` may be negative: a page whose clock reads a little before `as_of` (a slow answer taken
 * for clock skew) then counts the running session as its own clock shows it, so its totals always agree
 * with the timer the page shows (as_of is a whole second of that clock, so flooring keeps them equal).
 */
export function liveOverview<T extends Overview>(o: T, elapsedSeconds: number, today: string): T {
  const add = Math.floor(elapsedSeconds);
  const running = o.running;
  if (!running || add === 0 || !o.days.some((d) => d.date === today)) return o;
  const billable = running.billable ? add : 0;
  const addToProject = <T extends { project_id: number | null; seconds: number }>(list: T[], extra: (p: T) => Partial<T> = () => ({})) =>
    list.map((p) => (p.project_id === running.project_id ? { ...p, seconds: p.seconds + add, ...extra(p) } : p));
  return {
    ...o,
    total_seconds: o.total_seconds + add,
    billable_seconds: o.billable_seconds + billable,
    days: o.days.map((d) =>
      d.date === today
        ? {
            ...d,
            seconds: d.seconds + add,
            billable_seconds: d.billable_seconds + billable,
            projects: d.projects.some((p) => p.project_id === running.project_id) ? addToProject(d.projects) : [...d.projects, { project_id: running.project_id, seconds: add }],
          }
        : d,
    ),
    projects: addToProject(o.projects, (p) => ({ billable_seconds: p.billable_seconds + billable })),
  };
}
