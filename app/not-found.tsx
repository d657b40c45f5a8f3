import type { Metadata } from "next";
import { NotFoundView } from "@/components/not-found-view";

export const metadata: Metadata = { title: "Page not found" };

// A 404 outside the signed-in app (the app's own pages show theirs inside its header: app/(app)/not-found.tsx).
export default function NotFound() {
  return (
    <main className="auth-shell">
      <div className="stack">
        <a href="/" className="brand">
          Stint
        </a>
        <NotFoundView />
      </div>
    </main>
  );
}
