// The fake Zoho's data: plain objects a test may read and change directly (state.projects.push(...)),
// plus the helpers that keep ids and tokens consistent. No dependencies beyond node.

export type FakeBillStatus = "Billable" | "Non Billable";
export type FakeLogKind = "task" | "general";

export type FakePortal = { id: string; name: string; isDefault: boolean; timeZone: string };
export type FakeProject = {
  id: string;
  portalId: string;
  name: string;
  status: "active" | "archived" | "template";
  description: string;
};
export type FakeTask = { id: string; projectId: string; name: string; completed: boolean };
export type FakeUser = { zpuid: string; zuid: string; name: string; email: string };
export type FakeLog = {
  id: string;
  portalId: string;
  kind: FakeLogKind;
  projectId: string;
  taskId: string | null;
  /** General logs only: the "other task" title. */
  name: string | null;
  /** MM-DD-YYYY */
  date: string;
  hours: number;
  minutes: number;
  notes: string;
  billStatus: FakeBillStatus;
  ownerId: string;
  ownerName: string;
  createdAt: number;
  updatedAt: number;
};

export type FaultKind = 500 | 429 | "timeout" | "reset" | "after-commit-500";
export type Fault = {
  kind: FaultKind;
  /** Seconds for a Retry-After header (429 and 500). */
  retryAfter?: number;
  /** "timeout": answer normally after this many ms; without it the request is never answered. */
  delayMs?: number;
  /** Only requests with this method (e.g. "POST") consume the fault. */
  method?: string;
  /** Only requests whose path matches consume the fault. Default: any /restapi/ request. */
  path?: string | RegExp;
};

export type OAuthClient = { id: string; secret: string };
type Code = { code: string; clientId: string; redirectUri: string | null; expiresAt: number; used: boolean };
type RefreshToken = { token: string; clientId: string; revoked: boolean };
type AccessToken = { token: string; refreshToken: string; expiresAt: number };

export type FakeZohoConfig = {
  /** Seconds an access token lives (Zoho: 3600). */
  accessTokenTtlSec: number;
  /** Seconds an authorization code lives (Zoho: 120). */
  codeTtlSec: number;
  /** API calls allowed per rolling window, then blocked (Zoho: 100 per 2 min, blocked 30 min). */
  rateLimit: { max: number; windowMs: number; blockMs: number };
  /** The DC the fake says it is in the authorize redirect (`location`). */
  location: string;
};

export class FakeZohoState {
  config: FakeZohoConfig = {
    accessTokenTtlSec: 3600,
    codeTtlSec: 120,
    rateLimit: { max: 100, windowMs: 2 * 60 * 1000, blockMs: 30 * 60 * 1000 },
    location: "us",
  };
  clients: OAuthClient[] = [{ id: "1000.FAKECLIENT", secret: "fake-client-secret" }];
  user: FakeUser;
  portals: FakePortal[] = [];
  projects: FakeProject[] = [];
  tasks: FakeTask[] = [];
  logs: FakeLog[] = [];

  codes = new Map<string, Code>();
  refreshTokens = new Map<string, RefreshToken>();
  accessTokens = new Map<string, AccessToken>();

  /** Pending faults, consumed in order by matching requests. */
  faults: Fault[] = [];
  /** Requests per route name, e.g. counters["POST tasklog"]. */
  counters: Record<string, number> = {};
  /** Every request seen, in order. */
  requests: { method: string; path: string; route: string; status: number }[] = [];
  /** Timestamps of API calls in the rate-limit window; blocked until this epoch ms. */
  callTimes: number[] = [];
  blockedUntil = 0;

  private nextId = BigInt("1752587000000012345");
  private tokenSeq = 0;

  constructor() {
    this.user = { zpuid: this.id(), zuid: "60012345678", name: "Pat Fake", email: "pat@example.test" };
    this.portals.push({ id: this.id(), name: "Fake Works", isDefault: true, timeZone: "Europe/Berlin" });
  }

  /** A new id beyond 2^53, as Zoho's look (the JSON number loses precision; id_string does not). */
  id(): string {
    this.nextId += BigInt(1 + Math.floor(Math.random() * 7));
    return this.nextId.toString();
  }

  get defaultPortal(): FakePortal {
    return this.portals.find((p) => p.isDefault) ?? this.portals[0];
  }

  get client(): OAuthClient {
    return this.clients[0];
  }

  addPortal(p: Partial<FakePortal> & { name: string }): FakePortal {
    const portal = { id: this.id(), isDefault: false, timeZone: "UTC", ...p };
    this.portals.push(portal);
    return portal;
  }

  addProject(p: Partial<FakeProject> & { name: string }): FakeProject {
    const project: FakeProject = { id: this.id(), portalId: this.defaultPortal.id, status: "active", description: "", ...p };
    this.projects.push(project);
    return project;
  }

  addTask(projectId: string, t: Partial<FakeTask> & { name: string }): FakeTask {
    const task: FakeTask = { id: this.id(), projectId, completed: false, ...t };
    this.tasks.push(task);
    return task;
  }

  /** Stores a log directly (as if someone logged time in Zoho). */
  addLog(l: Partial<FakeLog> & { projectId: string; date: string; hours: number; minutes: number }): FakeLog {
    const now = Date.now();
    const log: FakeLog = {
      id: this.id(),
      portalId: this.projects.find((p) => p.id === l.projectId)?.portalId ?? this.defaultPortal.id,
      kind: l.taskId ? "task" : "general",
      taskId: null,
      name: null,
      notes: "",
      billStatus: "Billable",
      ownerId: this.user.zpuid,
      ownerName: this.user.name,
      createdAt: now,
      updatedAt: now,
      ...l,
    };
    this.logs.push(log);
    return log;
  }

  /** An authorization code as GET /oauth/v2/auth would issue it. */
  issueCode(opts: { clientId?: string; redirectUri?: string | null } = {}): string {
    const code = `1000.${this.token()}.code`;
    this.codes.set(code, {
      code,
      clientId: opts.clientId ?? this.client.id,
      redirectUri: opts.redirectUri ?? null,
      expiresAt: Date.now() + this.config.codeTtlSec * 1000,
      used: false,
    });
    return code;
  }

  /** A refresh token as a code exchange would issue it (for "paste a refresh token" tests). */
  issueRefreshToken(clientId = this.client.id): string {
    const token = `1000.${this.token()}.refresh`;
    this.refreshTokens.set(token, { token, clientId, revoked: false });
    return token;
  }

  issueAccessToken(refreshToken: string): { token: string; expiresIn: number } {
    const token = `1000.${this.token()}.access`;
    this.accessTokens.set(token, { token, refreshToken, expiresAt: Date.now() + this.config.accessTokenTtlSec * 1000 });
    return { token, expiresIn: this.config.accessTokenTtlSec };
  }

  revokeRefreshToken(token: string): void {
    const t = this.refreshTokens.get(token);
    if (t) t.revoked = true;
    for (const a of this.accessTokens.values()) if (a.refreshToken === token) a.expiresAt = 0;
  }

  /** Makes every access token issued so far expired (the next API call answers 401). */
  expireAccessTokens(): void {
    for (const a of this.accessTokens.values()) a.expiresAt = 0;
  }

  isValidAccessToken(token: string): boolean {
    const a = this.accessTokens.get(token);
    if (!a || a.expiresAt <= Date.now()) return false;
    return !this.refreshTokens.get(a.refreshToken)?.revoked;
  }

  count(route: string): number {
    return this.counters[route] ?? 0;
  }

  /** Clears the rate-limit window and block. */
  resetRateLimit(): void {
    this.callTimes = [];
    this.blockedUntil = 0;
  }

  private token(): string {
    this.tokenSeq += 1;
    return `${this.tokenSeq.toString(36)}${Math.random().toString(36).slice(2, 12)}`;
  }
}
