import { AppError } from "@/lib/errors";
import { errorResponse } from "./respond";

/** The first segment of a path that does not percent-decode (`%ff`, `%zz`, a cut-off `%E0%A4%A`), or null. */
export function malformedSegment(pathname: string): string | null {
  if (!pathname.includes("%")) return null;
  for (const segment of pathname.split("/")) {
    try {
      decodeURIComponent(segment);
    } catch {
      return segment;
    }
  }
  return null;
}

/**
 * Next's router decodes every path segment to match dynamic routes and answers a plain-text 500 when one
 * does not decode, before any route runs. The proxy sees the path first: it answers such a path here, a
 * 400 in the API's error shape under /api/ and plain text for pages.
 */
export function malformedPathResponse(pathname: string, segment: string): Response {
  const shown = segment.length > 40 ? `${segment.slice(0, 40)}…` : segment;
  const message = `The path has a malformed percent-escape in "${shown}": encode "%" as %25 and text as UTF-8.`;
  if (pathname.startsWith("/api/")) return errorResponse(new AppError("bad_request", message));
  return new Response(message, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}
