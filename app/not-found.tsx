import Link from "next/link";

export const metadata = { title: "Not found" };

// Stint's own 404 page: Next's default one carries an inline <style> that the pages' Content-Security-Policy refuses.
export default function NotFound() {
  return (
    <main className="auth-shell">
      <div className="auth-card">
        <p className="brand">Stint</p>
        <h1>Page not found</h1>
        <p className="muted">There is nothing at this address.</p>
        <Link href="/">Go to the Timer</Link>
      </div>
    </main>
  );
}
