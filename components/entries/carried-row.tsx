import type { Entry } from "@/lib/queries/types";
import { localDate, timeOfDay } from "@/lib/time/display";
import { dayHeading } from "@/lib/time/headings";
import styles from "./entries.module.css";

type Props = { entry: Entry; day: string; timezone: string; today: string };

/**
 * A session that counts in `day`'s total without being listed under it: it started on an earlier day
 * (it is listed there) or is the running timer (shown in the timer bar).
 */
export function CarriedRow({ entry, day, timezone, today }: Props) {
  const name = entry.notes ? `“${entry.notes}”` : "(no name)";
  const startDay = localDate(entry.start_time, timezone);
  const since = `${startDay === day ? "" : `${dayHeading(startDay, today)} `}${timeOfDay(entry.start_time, timezone)}`;
  const until = entry.end_time && localDate(entry.end_time, timezone) === day ? timeOfDay(entry.end_time, timezone) : null;
  return (
    <li className={styles.carried} data-testid="carried-row">
      {entry.is_active ? (
        <>
          <span>{name}</span> <span className="muted">running since {since}</span>
        </>
      ) : (
        <>
          <span>{name}</span>{" "}
          <span className="muted">
            continued from {since}
            {until ? ` until ${until}` : " through the whole day"}
          </span>
        </>
      )}
    </li>
  );
}
