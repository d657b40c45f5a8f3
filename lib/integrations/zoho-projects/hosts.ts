// Zoho data centres (contract §1): tokens only work in the DC that issued them, so every URL is derived
// from the connection's DC. Only DCs whose Projects API host is confirmed are offered.

export const ZOHO_DCS = ["us", "eu", "in", "au", "jp"] as const;
export type ZohoDc = (typeof ZOHO_DCS)[number];

export type ZohoBaseUrls = { accounts: string; api: string };

export const ZOHO_DC_LABELS: Record<ZohoDc, string> = { us: "US", eu: "EU", in: "IN", au: "AU", jp: "JP" };

const ACCOUNTS: Record<ZohoDc, string> = {
  us: "https://accounts.zoho.com",
  eu: "https://accounts.zoho.eu",
  in: "https://accounts.zoho.in",
  au: "https://accounts.zoho.com.au",
  jp: "https://accounts.zoho.jp",
};

/** The Projects API host for an accounts host: `accounts.` becomes `projectsapi.` (what working clients do). */
export function apiUrlForAccountsServer(accountsServer: string): string {
  const url = new URL(accountsServer);
  if (!url.hostname.startsWith("accounts.")) throw new RangeError(`Not a Zoho accounts server: ${accountsServer}`);
  url.hostname = `projectsapi.${url.hostname.slice("accounts.".length)}`;
  return url.origin;
}

export function hostsForDc(dc: ZohoDc): ZohoBaseUrls {
  return { accounts: ACCOUNTS[dc], api: apiUrlForAccountsServer(ACCOUNTS[dc]) };
}

/** The DC whose accounts host is `accountsServer` (as Zoho appends it to the OAuth redirect), or null
 *  for a host Stint does not know. Never trust an unknown host: the client secret is sent there. */
export function dcForAccountsServer(accountsServer: string): ZohoDc | null {
  let origin: string;
  try {
    origin = new URL(accountsServer).origin;
  } catch {
    return null;
  }
  return ZOHO_DCS.find((dc) => ACCOUNTS[dc] === origin) ?? null;
}

/** A DC by the domain its Zoho hosts end in (the README and Zoho's own pages name DCs so: `.com`, `.eu`). */
const BY_DOMAIN: Record<string, ZohoDc> = { com: "us", eu: "eu", in: "in", "com.au": "au", jp: "jp" };

/**
 * The DC a person named, in any of the spellings they meet: Stint's names (`us`, `eu`, `in`, `au`, `jp`),
 * the domains (`com`, `.com`, `.eu`, `.com.au`), or a host (`zoho.eu`, `accounts.zoho.com.au`); any case.
 * Null for anything else.
 */
export function parseZohoDc(value: unknown): ZohoDc | null {
  if (typeof value !== "string") return null;
  let text = value.trim().toLowerCase().replace(/^https?:\/\//, "").replace(/\/+$/, "");
  if (isZohoDc(text)) return text;
  text = text.replace(/^(accounts\.|projectsapi\.|projects\.)?(zoho)?\./, "").replace(/^zoho\./, "");
  return Object.hasOwn(BY_DOMAIN, text) ? BY_DOMAIN[text] : isZohoDc(text) ? text : null;
}

export function isZohoDc(value: unknown): value is ZohoDc {
  return typeof value === "string" && (ZOHO_DCS as readonly string[]).includes(value);
}

/** Base URLs of a connection: the override (tests, self-hosted proxies) or its DC's hosts. */
export function baseUrlsFor(settings: { dc?: ZohoDc; baseUrls?: ZohoBaseUrls }): ZohoBaseUrls {
  if (settings.baseUrls) return { accounts: trimSlash(settings.baseUrls.accounts), api: trimSlash(settings.baseUrls.api) };
  return hostsForDc(settings.dc ?? "us");
}

const trimSlash = (url: string) => url.replace(/\/+$/, "");
