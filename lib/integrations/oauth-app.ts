import { env, envVar } from "@/lib/env";
import { PermanentError, type OAuthApp, type Provider } from "./types";

/** "zoho-projects" -> ZOHO_PROJECTS: the prefix of a provider's OAuth client variables. */
export const envPrefix = (provider: Pick<Provider, "name">) => provider.name.replace(/[^a-z0-9]+/gi, "_").toUpperCase();

/** Where the provider sends the browser back after consent. */
export function redirectUri(provider: Pick<Provider, "name">, origin?: string): string {
  const base = env().STINT_PUBLIC_URL ?? origin ?? "http://localhost:3000";
  return `${base.replace(/\/$/, "")}/api/integrations/${provider.name}/callback`;
}

/**
 * The OAuth client Stint is registered as with the provider, from <PREFIX>_CLIENT_ID / _CLIENT_SECRET
 * (ZOHO_PROJECTS_CLIENT_ID; the shorter ZOHO_CLIENT_ID also works for Zoho, as its docs call it).
 */
export function oauthApp(provider: Pick<Provider, "name">, origin?: string): OAuthApp {
  const prefix = envPrefix(provider);
  const short = prefix.split("_")[0];
  const clientId = envVar(`${prefix}_CLIENT_ID`) ?? envVar(`${short}_CLIENT_ID`);
  const clientSecret = envVar(`${prefix}_CLIENT_SECRET`) ?? envVar(`${short}_CLIENT_SECRET`);
  if (!clientId || !clientSecret) {
    throw new PermanentError(`Set ${short}_CLIENT_ID and ${short}_CLIENT_SECRET (from the provider's developer console) to connect.`, "connection");
  }
  return { clientId, clientSecret, redirectUri: redirectUri(provider, origin) };
}
