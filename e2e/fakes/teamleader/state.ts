import crypto from "node:crypto";
import { DateTime } from "luxon";

// The fake Teamleader's data: plain objects a test may read and change directly (state.companies.push(...)),
// plus the helpers that keep ids, tokens and time entries consistent (/work/shared/integrations/teamleader.md).

export const uuid = () => crypto.randomUUID();

export type Ref = { type: string; id: string };
export type FakeUser = { id: string; firstName: string; lastName: string; email: string; timeZone: string; status: "active" | "deactivated" };
export type FakeCompany = { id: string; name: string; status: "active" | "deactivated"; updatedAt: string };
/** `module` decides the endpoint that lists it: projects-v2/projects.list or the legacy projects.list. */
export type FakeProject = { id: string; module: "v2" | "legacy"; title: string; description: string; status: string; customer: Ref | null };
/** v2 tasks (subject type nextgenTask) and legacy milestones (subject type milestone). */
export type FakeTask = { id: string; kind: "nextgenTask" | "milestone"; projectId: string; title: string; status: string; workTypeId: string | null };
export type FakeWorkType = { id: string; name: string };
export type FakeTimeEntry = {
  id: string;
  userId: string;
  workTypeId: string | null;
  startedAt: string;
  endedAt: string;
  duration: number;
  description: string;
  subject: Ref | null;
  invoiceable: boolean;
  /** Set by a test (or by config.freezeAfterMs): `locked` true, `meta.updatable` false, writes refused. */
  locked: boolean;
  createdAt: number;
};

export type FaultKind = 500 | 429 | "timeout" | "after-commit-500";
export type Fault = {
  kind: FaultKind;
  /** "timeout": answer normally after this many ms; without it the request is never answered. */
  delayMs?: number;
  /** 429: X-RateLimit-Reset this many ms ahead (default 1000). */
  resetMs?: number;
  /** Only requests to this endpoint (e.g. "timeTracking.add") consume the fault. Default: any API call. */
  endpoint?: string;
};

export type OAuthClient = { id: string; secret: string };
type Code = { code: string; clientId: string; redirectUri: string; expiresAt: number; used: boolean; userId: string };
/** A refresh token: single use. `uses` counts every time it was presented (a second one is a reuse). */
export type RefreshTokenRecord = { token: string; clientId: string; userId: string; uses: number; revoked: boolean; issuedAt: number };
type AccessToken = { token: string; clientId: string; userId: string; expiresAt: number };

export type FakeTeamleaderConfig = {
  /** Seconds an access token lives (Teamleader: 3600). Fractions allowed for the rotation test. */
  accessTokenTtlSec: number;
  /** Requests per sliding window per (client id, account): Teamleader's 200 per minute. */
  rateLimit: { max: number; windowMs: number };
  /** Entries older than this (since their creation) are locked; null: only entries a test locks. */
  freezeAfterMs: number | null;
  /** accounts.projects-v2-status. */
  projectsModule: "projects-v2" | "legacy";
};

export class FakeTeamleaderState {
  config: FakeTeamleaderConfig = { accessTokenTtlSec: 3600, rateLimit: { max: 200, windowMs: 60_000 }, freezeAfterMs: null, projectsModule: "projects-v2" };
  client: OAuthClient = { id: "fake-teamleader-client", secret: "fake-teamleader-secret" };
  account = { id: uuid(), name: "Acme BV" };
  /** users[0] is the person who connects (users.me). */
  users: FakeUser[] = [{ id: uuid(), firstName: "Tess", lastName: "Leader", email: "tess@acme.example", timeZone: "Europe/Brussels", status: "active" }];
  companies: FakeCompany[] = [];
  projects: FakeProject[] = [];
  tasks: FakeTask[] = [];
  workTypes: FakeWorkType[] = [{ id: uuid(), name: "Development" }, { id: uuid(), name: "Meeting" }];
  timeEntries: FakeTimeEntry[] = [];

  codes = new Map<string, Code>();
  refreshTokens = new Map<string, RefreshTokenRecord>();
  accessTokens = new Map<string, AccessToken>();
  /** Refresh tokens presented again after their one use (or after revocation): the rotation race. */
  reuses: { token: string; at: number }[] = [];
  faults: Fault[] = [];
  /** Calls per endpoint name ("timeTracking.add", "oauth2/access_token refresh", ...). */
  counters: Record<string, number> = {};
  requests: { endpoint: string; status: number }[] = [];
  /** Request times per (client id, account id), for the sliding window. */
  windows = new Map<string, number[]>();

  get me(): FakeUser {
    return this.users[0];
  }

  addCompany(name: string): FakeCompany {
    const c: FakeCompany = { id: uuid(), name, status: "active", updatedAt: new Date().toISOString() };
    this.companies.push(c);
    return c;
  }
  addProject(p: Partial<FakeProject> & { title: string }): FakeProject {
    const project: FakeProject = { id: uuid(), module: "v2", description: "", status: p.module === "legacy" ? "active" : "open", customer: null, ...p };
    this.projects.push(project);
    return project;
  }
  addTask(projectId: string, t: Partial<FakeTask> & { title: string }): FakeTask {
    const project = this.projects.find((p) => p.id === projectId);
    const task: FakeTask = { id: uuid(), kind: project?.module === "legacy" ? "milestone" : "nextgenTask", projectId, status: "to_do", workTypeId: null, ...t };
    this.tasks.push(task);
    return task;
  }

  issueCode(redirectUri: string, userId = this.me.id): string {
    const code = `code-${uuid()}`;
    this.codes.set(code, { code, clientId: this.client.id, redirectUri, expiresAt: Date.now() + 10 * 60_000, used: false, userId });
    return code;
  }
  issueRefreshToken(userId = this.me.id): string {
    const token = `def50200${crypto.randomBytes(24).toString("hex")}`;
    this.refreshTokens.set(token, { token, clientId: this.client.id, userId, uses: 0, revoked: false, issuedAt: Date.now() });
    return token;
  }
  issueAccessToken(userId: string): { token: string; expiresIn: number } {
    const token = `tl-at-${crypto.randomBytes(24).toString("hex")}`;
    this.accessTokens.set(token, { token, clientId: this.client.id, userId, expiresAt: Date.now() + this.config.accessTokenTtlSec * 1000 });
    return { token, expiresIn: this.config.accessTokenTtlSec };
  }
  /** The user behind a valid access token, or null (unknown or expired). */
  userOf(accessToken: string): FakeUser | null {
    const t = this.accessTokens.get(accessToken);
    if (!t || t.expiresAt <= Date.now()) return null;
    return this.users.find((u) => u.id === t.userId) ?? null;
  }
  /** The user revokes the integration (or saves its Marketplace settings): every refresh and access token dies. */
  revokeAll(): void {
    for (const r of this.refreshTokens.values()) r.revoked = true;
    this.accessTokens.clear();
  }
  expireAccessTokens(): void {
    for (const t of this.accessTokens.values()) t.expiresAt = 0;
  }

  /** The rotation proof's numbers: refreshes done, reuses seen, and whether every spent token was spent once. */
  rotationCounts() {
    const records = [...this.refreshTokens.values()];
    const used = records.filter((r) => r.uses > 0);
    return {
      refreshes: this.counters["oauth2/access_token refresh_token"] ?? 0,
      issued: records.length,
      usedOnce: used.filter((r) => r.uses === 1).length,
      usedMoreThanOnce: used.filter((r) => r.uses > 1).length,
      reuses: this.reuses.length,
    };
  }

  isLocked(e: FakeTimeEntry): boolean {
    return e.locked || (this.config.freezeAfterMs !== null && Date.now() - e.createdAt > this.config.freezeAfterMs);
  }

  /**
   * Adds time as Teamleader does: an entry spanning midnight (in the user's time zone) becomes one entry per
   * day. Returns the entries, the first one being the one `timeTracking.add` answers with.
   */
  addTime(e: Omit<FakeTimeEntry, "id" | "endedAt" | "locked" | "createdAt">): FakeTimeEntry[] {
    const zone = this.users.find((u) => u.id === e.userId)?.timeZone ?? "UTC";
    const start = DateTime.fromISO(e.startedAt, { setZone: true }).setZone(zone);
    const end = start.plus({ seconds: e.duration });
    const out: FakeTimeEntry[] = [];
    for (let from = start; from < end; ) {
      const midnight = from.startOf("day").plus({ days: 1 });
      const to = end < midnight ? end : midnight;
      const piece: FakeTimeEntry = {
        ...e,
        id: uuid(),
        startedAt: isoWithOffset(from),
        endedAt: isoWithOffset(to),
        duration: Math.round(to.diff(from).as("seconds")),
        locked: false,
        createdAt: Date.now(),
      };
      out.push(piece);
      from = to;
    }
    this.timeEntries.push(...out);
    return out;
  }
}

/** 2026-06-10T23:30:00+02:00 */
export const isoWithOffset = (d: DateTime) => d.toFormat("yyyy-MM-dd'T'HH:mm:ssZZ");
