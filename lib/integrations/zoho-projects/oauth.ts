import { AuthExpiredError, PermanentError, RateLimitedError, TransientError, type ConnectResult, type Credentials, type HttpClient, type OAuthApp } from "../types";
import { retryAfterMs } from "@/lib/delivery/backoff";
import { parseZohoJson, zohoFetch } from "./client";
import { baseUrlsFor, dcForAccountsServer, isZohoDc, ZOHO_DC_LABELS, type ZohoBaseUrls, type ZohoDc } from "./hosts";
import { portalZone, type ZohoSettings } from "./settings";

// OAuth 2 with Zoho Accounts (contract §2): offline access for a refresh token that never rotates; the
// token endpoint reports errors as HTTP 200 {"error": "..."}.

export const ZOHO_SCOPES = [
  "ZohoProjects.portals.READ",
  "ZohoProjects.projects.READ",
  "ZohoProjects.tasks.READ",
  "ZohoProjects.timesheets.ALL",
  "ZohoProjects.users.READ",
];

type PartialSettings = Partial<ZohoSettings>;
type TokenResponse = { access_token: string; refresh_token?: string; expires_in?: number };

export function authorizeUrl(app: OAuthApp, settings: PartialSettings, state: string): string {
  const url = new URL(`${baseUrlsFor(settings).accounts}/oauth/v2/auth`);
  url.searchParams.set("scope", ZOHO_SCOPES.join(","));
  url.searchParams.set("client_id", app.clientId);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("access_type", "offline");
  url.searchParams.set("prompt", "consent");
  url.searchParams.set("redirect_uri", app.redirectUri);
  url.searchParams.set("state", state);
  return url.toString();
}

/** The callback: Zoho sends the code plus `accounts-server`/`location`, which name the DC that issued it. */
export async function exchangeCode(app: OAuthApp, params: URLSearchParams, settings: PartialSettings, http: HttpClient): Promise<ConnectResult<ZohoSettings>> {
  const denied = params.get("error");
  if (denied) throw new PermanentError(`Zoho did not grant access (${denied}): connect Zoho Projects again and accept.`, "connection");
  const code = params.get("code");
  if (!code) throw new PermanentError("Zoho's answer carried no authorization code: connect Zoho Projects again.", "connection");

  let dc: ZohoDc = settings.dc ?? "us";
  if (!settings.baseUrls) {
    const server = params.get("accounts-server");
    const location = params.get("location");
    if (server) {
      const fromServer = dcForAccountsServer(server);
      if (!fromServer) throw new PermanentError(`Zoho sent this account to a data centre Stint does not support (${server}).`, "connection");
      dc = fromServer;
    } else if (isZohoDc(location)) dc = location;
  }
  const s: PartialSettings = { ...settings, dc };
  const token = await tokenRequest(http, baseUrlsFor(s), {
    grant_type: "authorization_code",
    client_id: app.clientId,
    client_secret: app.clientSecret,
    redirect_uri: app.redirectUri,
    code,
  });
  if (!token.refresh_token) {
    throw new PermanentError(
      "Zoho issued no refresh token: remove Stint under Connected Apps in your Zoho account, then connect Zoho Projects again.",
      "connection",
    );
  }
  return finishConnect(http, s, { refreshToken: token.refresh_token, ...accessOf(token) });
}

/** A pasted refresh token (CLI): refresh once to prove it works, then find the portal. */
export async function fromRefreshToken(app: OAuthApp, refreshToken: string, settings: PartialSettings, http: HttpClient): Promise<ConnectResult<ZohoSettings>> {
  const s: PartialSettings = { ...settings, dc: settings.dc ?? "us" };
  const token = await tokenRequest(http, baseUrlsFor(s), refreshParams(app, refreshToken.trim()));
  return finishConnect(http, s, { refreshToken: token.refresh_token ?? refreshToken.trim(), ...accessOf(token) });
}

export async function refresh(app: OAuthApp, credentials: Credentials, settings: ZohoSettings, http: HttpClient): Promise<Credentials> {
  if (!credentials.refreshToken) throw new PermanentError("This Zoho Projects connection has no refresh token: reconnect Zoho Projects.", "connection");
  const token = await tokenRequest(http, baseUrlsFor(settings), refreshParams(app, credentials.refreshToken));
  // Zoho refresh tokens do not rotate; keep the one we have unless Zoho ever sends a new one.
  return { ...credentials, refreshToken: token.refresh_token ?? credentials.refreshToken, ...accessOf(token) };
}

const refreshParams = (app: OAuthApp, refreshToken: string) => ({
  grant_type: "refresh_token",
  client_id: app.clientId,
  client_secret: app.clientSecret,
  refresh_token: refreshToken,
});

function accessOf(token: TokenResponse): { accessToken: string; accessTokenExpiresAt: number } {
  return { accessToken: token.access_token, accessTokenExpiresAt: Date.now() + (token.expires_in ?? 3600) * 1000 };
}

async function tokenRequest(http: HttpClient, urls: ZohoBaseUrls, form: Record<string, string>): Promise<TokenResponse> {
  const res = await http(`${urls.accounts}/oauth/v2/token`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded;charset=UTF-8", Accept: "application/json" },
    body: new URLSearchParams(form).toString(),
    timeoutMs: 30_000,
  });
  let text: string;
  try {
    text = await res.text();
  } catch (e) {
    throw new TransientError(`Zoho Accounts' answer broke off: ${(e as Error).message}`);
  }
  if (res.status === 429) throw new RateLimitedError("Zoho Accounts throttled token requests.", retryAfterMs(res) ?? 10 * 60 * 1000);
  if (res.status >= 500) throw new TransientError(`Zoho Accounts failed (HTTP ${res.status}).`, retryAfterMs(res));
  const json = parseZohoJson(text);
  const error = json?.error ?? (res.ok ? undefined : `HTTP ${res.status}`);
  const grant = form.grant_type === "refresh_token" ? "the refresh token" : "the authorization code";
  if (error !== undefined) {
    const code = typeof error === "string" ? error : JSON.stringify(error);
    if (code === "invalid_client") {
      throw new PermanentError(
        "Zoho did not recognise Stint's client id/secret (invalid_client): check the Zoho app settings and the data centre.",
        "connection",
      );
    }
    if (code === "invalid_code" && form.grant_type === "refresh_token") {
      throw new PermanentError("Zoho refused the refresh token (invalid_code): reconnect Zoho Projects.", "connection");
    }
    throw new PermanentError(`Zoho refused ${grant} (${code}): connect Zoho Projects again.`, "connection");
  }
  if (!json || typeof json.access_token !== "string") throw new TransientError("Zoho Accounts answered without an access token.");
  return json as TokenResponse;
}

type Portal = { id: string; name: string; isDefault: boolean; timeZone: string };

/** Picks the portal (the one asked for, else the default one) and builds settings and label. */
async function finishConnect(http: HttpClient, s: PartialSettings, credentials: Credentials & { accessToken: string }): Promise<ConnectResult<ZohoSettings>> {
  const portals = await listPortals(http, baseUrlsFor(s), credentials.accessToken);
  if (portals.length === 0) throw new PermanentError("This Zoho account has no Zoho Projects portal.", "connection");
  const portal = s.portalId ? portals.find((p) => p.id === s.portalId) : (portals.find((p) => p.isDefault) ?? portals[0]);
  if (!portal) {
    const names = portals.map((p) => `${p.name} (${p.id})`).join(", ");
    throw new PermanentError(`Portal ${s.portalId} is not one of this Zoho account's portals: ${names}.`, "connection");
  }
  const dc = s.dc ?? "us";
  const settings: ZohoSettings = {
    dc,
    portalId: portal.id,
    portalName: portal.name,
    portalTimeZone: portal.timeZone,
    ...(s.baseUrls ? { baseUrls: s.baseUrls } : {}),
  };
  return { label: `${portal.name} (Zoho Projects, ${ZOHO_DC_LABELS[dc]})`, settings, credentials };
}

async function listPortals(http: HttpClient, urls: ZohoBaseUrls, accessToken: string): Promise<Portal[]> {
  let body;
  try {
    body = await zohoFetch(http, urls.api, accessToken, { path: "/restapi/portals/" });
  } catch (e) {
    if (e instanceof AuthExpiredError) {
      throw new PermanentError("Zoho Projects rejected a brand-new access token: is the data centre right?", "connection");
    }
    throw e;
  }
  const portals = Array.isArray(body?.portals) ? (body.portals as Record<string, unknown>[]) : [];
  return portals.map((p) => ({
    id: String(p.id_string ?? p.id),
    name: typeof p.name === "string" ? p.name : String(p.id_string ?? p.id),
    isDefault: p.default === true || p.default === "true",
    timeZone: portalZone((p.settings as Record<string, unknown> | undefined)?.time_zone),
  }));
}
