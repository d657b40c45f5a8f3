// Teamleader's two hosts (contract §1): OAuth on focus.teamleader.eu, the API on api.focus.teamleader.eu.
// An administrator may override both (TEAMLEADER_AUTH_URL and TEAMLEADER_API_URL, both or neither): a
// proxy, or the tests' fake. Never from a person's input: the client secret and tokens are sent there.

export type TeamleaderBaseUrls = { auth: string; api: string };

export const TEAMLEADER_HOSTS: TeamleaderBaseUrls = { auth: "https://focus.teamleader.eu", api: "https://api.focus.teamleader.eu" };

export function baseUrlsFor(settings: { baseUrls?: TeamleaderBaseUrls }): TeamleaderBaseUrls {
  const urls = settings.baseUrls ?? TEAMLEADER_HOSTS;
  return { auth: urls.auth.replace(/\/+$/, ""), api: urls.api.replace(/\/+$/, "") };
}
