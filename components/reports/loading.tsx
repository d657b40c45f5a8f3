import styles from "./reports.module.css";

/**
 * Placeholder rows while a report loads. Unlike ui/Skeleton it sizes rows with a class, not a style
 * attribute: the page renders it on the server too, and the CSP refuses inline style attributes in HTML.
 */
export function ReportLoading({ rows = 3, tall = false }: { rows?: number; tall?: boolean }) {
  return (
    <div className="stack" aria-busy="true" aria-label="Loading">
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className={`skeleton ${tall ? styles.tall : styles.line}`} />
      ))}
    </div>
  );
}
