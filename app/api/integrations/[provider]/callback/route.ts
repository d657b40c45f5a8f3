import { NextResponse, type NextRequest } from "next/server";
import { userContext } from "@/lib/context";
import { connectErrorCode } from "@/lib/integrations/connect-errors";
import { AppError } from "@/lib/errors";
import { finishOAuth, startFirstImport } from "@/lib/integrations/service";
import { OAUTH_COOKIE, oauthCookieOptions, requestOrigin, settingsPage } from "../oauth-cookie";

// GET /integrations/<provider>/callback: where the provider sends the browser back after consent. Saves
// the connection and queues an import of its projects (for those who may import), so they arrive without another click.
export async function GET(request: NextRequest, { params }: { params: Promise<{ provider: string }> }) {
  const { db, actor } = await userContext();
  const { provider } = await params;
  const origin = requestOrigin(request);
  let target: URL;
  try {
    const connection = await finishOAuth(db, actor, provider, request.nextUrl.searchParams, request.cookies.get(OAUTH_COOKIE)?.value, origin);
    const job = await startFirstImport(db, actor, connection.id);
    target = settingsPage(origin, { connected: String(connection.id), ...(job && { job: String(job.id) }) });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    target = settingsPage(origin, { error: connectErrorCode(error), provider });
  }
  const response = NextResponse.redirect(target, 302);
  response.cookies.set(OAUTH_COOKIE, "", oauthCookieOptions(origin, 0));
  return response;
}
