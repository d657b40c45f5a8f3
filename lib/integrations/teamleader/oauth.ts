import { IANAZone } from "luxon";
import { AuthExpiredError, PermanentError, RateLimitedError, TransientError, type ConnectResult, type Credentials, type HttpClient, type OAuthApp } from "../types";
import { DEFAULT_BLOCK_MS, errorTitle, refId, resetInMs, str, tlFetch } from "./client";
import { baseUrlsFor, type TeamleaderBaseUrls } from "./hosts";
import type { TeamleaderSettings } from "./settings";

// OAuth 2 authorization code with Teamleader (contract §2): scopes are ticked on the Marketplace, not
// sent; refresh tokens are single-use and rotate, so refresh() always returns the new one and the engine
// stores it before anything uses the new access token (lib/integrations/credentials.ts).

type PartialSettings = Partial<TeamleaderSettings>;
type TokenResponse = { access_token: string; refresh_token?: string; expires_in?: number };

export function authorizeUrl(app: OAuthApp, settings: PartialSettings, state: string): string {
  const url = new URL(`${baseUrlsFor(settings).auth}/oauth2/authorize`);
  url.searchParams.set("client_id", app.clientId);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("redirect_uri", app.redirectUri);
  url.searchParams.set("state", state);
  return url.toString();
}

export async function exchangeCode(app: OAuthApp, params: URLSearchParams, settings: PartialSettings, http: HttpClient): Promise<ConnectResult<TeamleaderSettings>> {
  const denied = params.get("error");
  if (denied) throw new PermanentError(`Teamleader did not grant access (${denied}): connect Teamleader Focus again and accept.`, "connection");
  const code = params.get("code");
  if (!code) throw new PermanentError("Teamleader's answer carried no authorization code: connect Teamleader Focus again.", "connection");
  const token = await tokenRequest(http, baseUrlsFor(settings), {
    grant_type: "authorization_code",
    client_id: app.clientId,
    client_secret: app.clientSecret,
    redirect_uri: app.redirectUri,
    code,
  });
  return finishConnect(http, settings, credentialsOf(token));
}

/** A pasted refresh token (the CLI, headless servers): spent at once for a pair of Stint's own. */
export async function fromRefreshToken(app: OAuthApp, refreshToken: string, settings: PartialSettings, http: HttpClient): Promise<ConnectResult<TeamleaderSettings>> {
  const token = await tokenRequest(http, baseUrlsFor(settings), refreshParams(app, refreshToken.trim()));
  return finishConnect(http, settings, credentialsOf(token));
}

export async function refresh(app: OAuthApp, credentials: Credentials, settings: TeamleaderSettings, http: HttpClient): Promise<Credentials> {
  if (!credentials.refreshToken) throw new PermanentError("This Teamleader connection has no refresh token: reconnect Teamleader Focus.", "connection");
  const token = await tokenRequest(http, baseUrlsFor(settings), refreshParams(app, credentials.refreshToken));
  return { ...credentials, ...credentialsOf(token) };
}

const refreshParams = (app: OAuthApp, refreshToken: string) => ({
  grant_type: "refresh_token",
  client_id: app.clientId,
  client_secret: app.clientSecret,
  refresh_token: refreshToken,
});

function credentialsOf(token: TokenResponse): Credentials & { accessToken: string; refreshToken: string } {
  // Rotation: a refresh without a new refresh token would leave us holding a spent one.
  if (!token.refresh_token) throw new PermanentError("Teamleader issued no refresh token: reconnect Teamleader Focus.", "connection");
  return { accessToken: token.access_token, accessTokenExpiresAt: Date.now() + (token.expires_in ?? 3600) * 1000, refreshToken: token.refresh_token };
}

async function tokenRequest(http: HttpClient, urls: TeamleaderBaseUrls, form: Record<string, string>): Promise<TokenResponse> {
  const res = await http(`${urls.auth}/oauth2/access_token`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
    body: new URLSearchParams(form).toString(),
    timeoutMs: 30_000,
  });
  let json: unknown;
  try {
    const text = await res.text();
    json = text.trim() ? JSON.parse(text) : null;
  } catch {
    json = undefined;
  }
  if (res.status === 429) throw new RateLimitedError("Teamleader throttled token requests.", resetInMs(res.headers.get("x-ratelimit-reset")) ?? DEFAULT_BLOCK_MS);
  if (res.status >= 500) throw new TransientError(`Teamleader's token endpoint failed (HTTP ${res.status}).`);
  const what = errorTitle(json) ?? `HTTP ${res.status}`;
  const type = (((json as { errors?: { meta?: { type?: string } }[] } | null)?.errors ?? [])[0]?.meta?.type as string | undefined) ?? "";
  if (res.status === 401 || type === "invalid_client") {
    throw new PermanentError(`Teamleader did not recognise Stint's client id/secret (${what}): check TEAMLEADER_CLIENT_ID and TEAMLEADER_CLIENT_SECRET.`, "connection");
  }
  if (!res.ok) {
    if (form.grant_type === "refresh_token") {
      // A spent or revoked refresh token (code 8), or the integration's settings were saved on the Marketplace.
      throw new PermanentError(
        `Teamleader refused the refresh token (invalid_grant: ${what}): access was revoked or the integration's settings were saved on the Marketplace. Reconnect Teamleader Focus.`,
        "connection",
      );
    }
    throw new PermanentError(`Teamleader refused the authorization code (${what}): connect Teamleader Focus again.`, "connection");
  }
  const token = json as Partial<TokenResponse> | null;
  if (!token || typeof token.access_token !== "string") throw new TransientError("Teamleader's token endpoint answered without an access token.");
  return token as TokenResponse;
}

/** users.me names the account and the user (the connection's label); the default work type is chosen here. */
async function finishConnect(http: HttpClient, s: PartialSettings, credentials: Credentials & { accessToken: string }): Promise<ConnectResult<TeamleaderSettings>> {
  const urls = baseUrlsFor(s);
  const call = async (endpoint: string, body: Record<string, unknown> = {}) => {
    try {
      return await tlFetch(http, urls.api, credentials.accessToken, endpoint, body);
    } catch (e) {
      if (e instanceof AuthExpiredError) throw new PermanentError("Teamleader rejected a brand-new access token: connect again.", "connection");
      if (e instanceof PermanentError) throw new PermanentError(`${e.message}: tick the scopes Stint needs on the Marketplace (see the README), then connect again.`, "connection");
      throw e;
    }
  };
  const me = ((await call("users.me"))?.data ?? {}) as Record<string, unknown>;
  const userId = str(me.id);
  const accountId = refId(me.account);
  if (!userId || !accountId) throw new PermanentError("Teamleader's users.me named no user or account.", "connection");
  const module = str(((await call("accounts.projects-v2-status"))?.data as Record<string, unknown> | undefined)?.status) === "legacy" ? "legacy" : "projects-v2";
  const workTypes = ((await call("workTypes.list", { page: { size: 100, number: 1 } }))?.data ?? []) as { id: string; name: string }[];
  const wanted = s.workTypeName?.trim().toLowerCase();
  const workType = wanted ? workTypes.find((w) => w.name.toLowerCase() === wanted) : workTypes[0];
  if (wanted && !workType) {
    throw new PermanentError(`Teamleader has no work type "${s.workTypeName}". Its work types: ${workTypes.map((w) => w.name).join(", ") || "none"}.`, "connection");
  }
  const userName = `${str(me.first_name)} ${str(me.last_name)}`.trim();
  const zone = str(me.time_zone);
  const settings: TeamleaderSettings = {
    accountId,
    userId,
    userName,
    userEmail: str(me.email),
    timeZone: IANAZone.isValidZone(zone) ? zone : "Europe/Brussels",
    projectsModule: module,
    workTypeId: workType?.id ?? null,
    workTypeName: workType?.name ?? "",
    workTypes: workTypes.map((w) => ({ id: w.id, name: w.name })),
    projectWorkTypes: {},
    projectCustomers: {},
    memberUsers: {},
    ...(s.baseUrls ? { baseUrls: s.baseUrls } : {}),
  };
  const who = [userName, settings.userEmail && `<${settings.userEmail}>`].filter(Boolean).join(" ") || userId;
  return { label: `${who}, Teamleader account ${accountId.slice(0, 8)}`, settings, credentials };
}
