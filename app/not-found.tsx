import type { Metadata } from "next";
import Link from "next/link";
import { NotFoundView } from "@/components/not-found-view";

export const metadata: Metadata = { title: "Page not found" };

// A 404 outside the signed-in app (the app's own pages show theirs inside its header: app/(app)/not-found.tsx).
export default function NotFound() {
  return (
    <main className="auth-shell">
      <div className="stack">
        <Link href="/" className="brand">
          Stint
        </Link>
        <NotFoundView />
      </div>
    </main>
  );
}
