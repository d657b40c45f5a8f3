import { NextResponse, type NextRequest } from "next/server";
import { userContext } from "@/lib/context";
import { connectErrorCode } from "@/lib/integrations/connect-errors";
import { AppError, parseOrThrow } from "@/lib/errors";
import { beginOAuthSchema } from "@/lib/integrations/schema";
import { beginOAuth } from "@/lib/integrations/service";
import { OAUTH_COOKIE, oauthCookieOptions, requestOrigin, settingsPage } from "../oauth-cookie";

// GET /integrations/<provider>/connect?dc=eu&portalId=…[&reconnect=<id>]: the "Connect" button. Remembers
// the attempt in a sealed, short-lived cookie and sends the browser to the provider's consent page.
export async function GET(request: NextRequest, { params }: { params: Promise<{ provider: string }> }) {
  const { db, actor } = await userContext();
  const { provider } = await params;
  const origin = requestOrigin(request);
  const query = request.nextUrl.searchParams;
  const sent: Record<string, string> = {};
  for (const [key, value] of query) if (key !== "reconnect" && value.trim() !== "") sent[key] = value.trim();
  const reconnect = query.get("reconnect");
  try {
    const { settings } = parseOrThrow(beginOAuthSchema, { settings: sent });
    const reconnectId = reconnect ? Number(reconnect) : undefined;
    if (reconnectId !== undefined && (!Number.isSafeInteger(reconnectId) || reconnectId <= 0)) throw new AppError("not_found", "Integration not found.");
    const { url, cookie } = await beginOAuth(db, actor, provider, settings, origin, reconnectId);
    const response = NextResponse.redirect(url, 302);
    response.cookies.set(OAUTH_COOKIE, cookie, oauthCookieOptions(origin, 10 * 60));
    return response;
  } catch (error) {
    if (error instanceof AppError) return NextResponse.redirect(settingsPage(origin, { error: connectErrorCode(error), provider }), 302);
    throw error;
  }
}
