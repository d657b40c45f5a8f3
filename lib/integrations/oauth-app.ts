import { env, envVar } from "@/lib/env";
import { PermanentError, type OAuth2Connect, type OAuthApp, type Provider } from "./types";

/** Where the provider sends the browser back after consent. */
export function redirectUri(provider: Pick<Provider, "name">, origin?: string): string {
  const base = env().STINT_PUBLIC_URL ?? origin ?? "http://localhost:3000";
  return `${base.replace(/\/$/, "")}/api/integrations/${provider.name}/callback`;
}

const firstSet = (names: readonly string[]) => names.map((n) => envVar(n)).find((v) => v !== undefined);

/** The environment variables an administrator sets for a provider: its OAuth client (by its first,
 *  preferred names) and its host overrides. Shown on the page of a provider that is not set up yet. */
export function providerEnv(provider: Pick<Provider, "connect" | "overrideUrls">): { required: string[]; optional: string[] } {
  const required = provider.connect.kind === "oauth2" ? [provider.connect.clientIdEnv[0], provider.connect.clientSecretEnv[0]] : [];
  return { required, optional: Object.values(provider.overrideUrls ?? {}) };
}

/** The OAuth client Stint is registered as with the provider, from the variables the provider names. */
export function oauthApp(connect: Pick<OAuth2Connect<unknown>, "clientIdEnv" | "clientSecretEnv">, provider: Pick<Provider, "name">, origin?: string): OAuthApp {
  const clientId = firstSet(connect.clientIdEnv);
  const clientSecret = firstSet(connect.clientSecretEnv);
  if (!clientId || !clientSecret) {
    throw new PermanentError(`Set ${connect.clientIdEnv.at(-1)} and ${connect.clientSecretEnv.at(-1)} (from the provider's developer console) to connect.`, "connection");
  }
  return { clientId, clientSecret, redirectUri: redirectUri(provider, origin) };
}
