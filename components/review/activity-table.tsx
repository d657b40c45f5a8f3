import type { Suggestion } from "@/lib/queries/types";
import styles from "./review.module.css";

// RescueTime's productivity scale, -2 to 2, in its own words.
const PRODUCTIVITY: Record<number, string> = { [-2]: "Very distracting", [-1]: "Distracting", 0: "Neutral", 1: "Productive", 2: "Very productive" };

/** The activity behind a suggestion: what was in focus, its category, how productive, how many minutes. */
export function ActivityTable({ activities }: { activities: Suggestion["activities"] }) {
  return (
    <table className={styles.activities}>
      <caption className="visually-hidden">Activity behind this suggestion</caption>
      <thead>
        <tr>
          <th scope="col">Activity</th>
          <th scope="col">Category</th>
          <th scope="col">Productivity</th>
          <th scope="col" className={styles.num}>
            Minutes
          </th>
        </tr>
      </thead>
      <tbody>
        {activities.map((a) => (
          <tr key={`${a.name}|${a.category}`}>
            <td>{a.name}</td>
            <td>{a.category}</td>
            <td>{a.productivity === null ? "—" : (PRODUCTIVITY[a.productivity] ?? a.productivity)}</td>
            <td className={styles.num}>{Math.round(a.seconds / 60)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
