// The browser's way in: Settings → Integrations → Teamleader Focus → Teamleader's consent → the generic
// callback (app/api/integrations/[provider]/callback) → finishOAuth, against the fake Teamleader.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeTeamleader, type FakeTeamleader } from "@/e2e/fakes/teamleader";
import { createTestDb, type TestDb } from "@/db/testing";
import { makeUser } from "@/lib/testing/users";
import { runCommand } from "@/lib/cli/commands";
import { beginOAuth, finishOAuth } from "../service";

let t: TestDb;
let tl: FakeTeamleader;
const ORIGIN = "http://localhost:3600";

beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.cleanup());
beforeEach(async () => {
  tl = await startFakeTeamleader();
  process.env.TEAMLEADER_CLIENT_ID = tl.state.client.id;
  process.env.TEAMLEADER_CLIENT_SECRET = tl.state.client.secret;
  process.env.TEAMLEADER_AUTH_URL = tl.url;
  process.env.TEAMLEADER_API_URL = tl.url;
});
afterEach(() => tl.close());

/** The browser at Teamleader's consent page: it approves (or denies) and is sent back with code and state. */
async function consent(url: string, deny = false): Promise<URLSearchParams> {
  const res = await fetch(deny ? `${url}&deny=1` : url, { redirect: "manual" });
  expect(res.status).toBe(302);
  const back = new URL(res.headers.get("location")!);
  expect(back.origin + back.pathname).toBe(`${ORIGIN}/api/integrations/teamleader/callback`);
  return back.searchParams;
}

describe("Teamleader Focus: OAuth authorization code with state", () => {
  it("consent, then the callback trades the code once; the connection is labelled by users.me", async () => {
    const user = await makeUser(t.db);
    const { url, cookie } = await beginOAuth(t.db, user, "teamleader", { workTypeName: "Development" }, ORIGIN);
    const asked = new URL(url);
    expect(asked.origin + asked.pathname).toBe(`${tl.url}/oauth2/authorize`);
    expect(Object.fromEntries(asked.searchParams)).toMatchObject({ client_id: tl.state.client.id, response_type: "code", redirect_uri: `${ORIGIN}/api/integrations/teamleader/callback` });
    const params = await consent(url);
    expect(params.get("state")).toBe(asked.searchParams.get("state"));
    const connection = await finishOAuth(t.db, user, "teamleader", params, cookie, ORIGIN);
    expect(connection).toMatchObject({ provider: "teamleader", status: "active", label: `Tess Leader <tess@acme.example>, Teamleader account ${tl.state.account.id.slice(0, 8)}` });
    expect(connection.settings).toMatchObject({ workTypeName: "Development", userId: tl.state.me.id, accountId: tl.state.account.id });
    // The code is single use: the same redirect again is refused by Teamleader, with its reason.
    await expect(finishOAuth(t.db, user, "teamleader", params, cookie, ORIGIN)).rejects.toMatchObject({ details: { reason: "provider_refused" }, message: expect.stringMatching(/^Teamleader refused the authorization code/) });
  });

  it("a state that is not the one Stint sent is refused before Teamleader is asked", async () => {
    const user = await makeUser(t.db);
    const { url, cookie } = await beginOAuth(t.db, user, "teamleader", {}, ORIGIN);
    const params = await consent(url);
    params.set("state", "forged");
    const tokenCalls = tl.count("oauth2/access_token authorization_code");
    await expect(finishOAuth(t.db, user, "teamleader", params, cookie, ORIGIN)).rejects.toMatchObject({ details: { reason: "oauth_state" } });
    expect(tl.count("oauth2/access_token authorization_code")).toBe(tokenCalls);
  });

  it("a denied consent says so; an unknown work type is named with the ones there are", async () => {
    const user = await makeUser(t.db);
    const denied = await beginOAuth(t.db, user, "teamleader", {}, ORIGIN);
    await expect(finishOAuth(t.db, user, "teamleader", await consent(denied.url, true), denied.cookie, ORIGIN)).rejects.toMatchObject({
      message: "Teamleader did not grant access (access_denied): connect Teamleader Focus again and accept.",
    });
    const typo = await beginOAuth(t.db, user, "teamleader", { workTypeName: "Devlopment" }, ORIGIN);
    await expect(finishOAuth(t.db, user, "teamleader", await consent(typo.url), typo.cookie, ORIGIN)).rejects.toMatchObject({
      message: 'Teamleader has no work type "Devlopment". Its work types: Development, Meeting.',
    });
  });
});

describe("Teamleader Focus: headless connect", () => {
  it("`stint integrations connect teamleader --refresh-token` spends the pasted token for a pair of its own and imports", async () => {
    const acme = tl.state.addCompany("Acme CLI");
    tl.state.addTask(tl.state.addProject({ title: "CLI project", customer: { type: "company", id: acme.id } }).id, { title: "Build" });
    await runCommand(t.db, ["user", "create", "--email", "cli-tl@example.com", "--password", "cli passphrase", "--name", "Cli"]);
    const pasted = tl.state.issueRefreshToken();
    const out = await runCommand(t.db, ["integrations", "connect", "teamleader", "--user", "cli-tl@example.com", "--refresh-token", pasted, "--set", "workTypeName=Meeting"]);
    expect(out.stderr).toBe("");
    expect(out.stdout).toMatch(/^Connected Tess Leader <tess@acme\.example>, Teamleader account \w{8} \(id \d+\); imported 1 projects and 1 tasks\.\n$/);
    expect(tl.state.refreshTokens.get(pasted)!.uses).toBe(1);
    const listed = await runCommand(t.db, ["integrations", "list", "--user", "cli-tl@example.com"]);
    expect(listed.stdout).toMatch(/\tteamleader\tTess Leader .*\tactive\t/);
    expect(listed.stdout).not.toContain(pasted);
  });
});
