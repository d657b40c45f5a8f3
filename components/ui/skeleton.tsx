/** Placeholder rows while data loads. */
export function Skeleton({ rows = 3, height = "2.75rem" }: { rows?: number; height?: string }) {
  return (
    <div className="stack" aria-busy="true" aria-label="Loading">
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="skeleton" style={{ height }} />
      ))}
    </div>
  );
}
