import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { SharedReportView } from "@/components/reports/shared-report-view";
import { publicContext } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { SHARED_ENTRIES_SHOWN, sharedReport } from "@/lib/reports/saved/share";
import { isShareViewCounted } from "@/lib/reports/saved/share-view";

// Not for search engines (proxy.ts also sends X-Robots-Tag: noindex and Referrer-Policy: no-referrer here).
export const metadata: Metadata = { title: "Shared report", robots: { index: false, follow: false } };

type Props = { params: Promise<{ token: string }> };

// A saved report's read-only link, opened without signing in. Only the token is read: the page's query
// string is not (the saved params are the report). Unknown, revoked, expired, or an owner who lost access:
// the one plain 404 page. proxy.ts counts the view (and answers 429 past the link's limit); a request it did
// not count (not a GET, or no database open in the process yet: it never opens it) is counted here, and past
// the limit shows the message with status 200.
export default async function SharedReportPage({ params }: Props) {
  const { token } = await params;
  const { db } = publicContext();
  const viewCounted = isShareViewCounted(await headers());
  const shown = await sharedReport(db, token, { viewCounted }).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    if (error instanceof AppError && error.code === "rate_limited") return error;
    throw error;
  });
  if (shown instanceof AppError) {
    return (
      <main className="auth-shell">
        <p className="form-alert">{shown.message}</p>
      </main>
    );
  }
  return <SharedReportView name={shown.name} token={token} grouped={shown.grouped} detailed={shown.detailed} shown={SHARED_ENTRIES_SHOWN} />;
}
