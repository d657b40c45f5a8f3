import type { z } from "zod";

// The contract between Stint's sync engine (lib/integrations/sync/) and one outside system. A provider is
// one folder lib/integrations/<name>/ whose index.ts exports a `Provider` and is listed once in
// registry.ts. The engine owns everything shared: credentials (encrypted, refreshed once across all
// instances), the per-connection rate limiter, the outbox, retries and reconciliation. A provider only
// speaks its system's HTTP dialect and throws the errors below so the engine knows what to do next.

/** What a provider knows about the entry it is asked to push (all times are instants; zone given). */
export type SyncEntry = {
  id: number;
  description: string;
  startAt: Date;
  /** Null while the timer runs: a running timer is never pushed. */
  endAt: Date | null;
  billable: boolean;
  /** The entry's project when it is linked to this connection (else null: a local project or none). */
  remoteProjectId: string | null;
  /** The entry's task when it is linked to this connection. */
  remoteTaskId: string | null;
  /** The Stint user's IANA zone, for providers that need a local day. */
  timezone: string;
  /** For providers that reference Stint's entry remotely (ALP's external_ref "stint:<workspace>:<id>"). */
  workspaceId?: number;
  /** The entry's version (its change sequence): differs after every change, the same across retries of one
   *  push (ALP's Idempotency-Key "unique per Stint entry version"). */
  version?: string;
  /** The Stint user's email, for providers that find the person among the remote system's users. */
  userEmail?: string;
  /** The entry's tag names (ALP: a tag naming a GST type overrides the matter's default). A change of tags
   *  alone does not make the entry pending (the outbox trigger watches the entry's own columns). */
  tags?: string[];
  /** The remote user of the entry's member, matched by email at the last import (ImportCapability.listPeople);
   *  null when the import found none; undefined when the connection never matched people. */
  remoteUserId?: string | null;
  /** Is the entry the connection's own member's (whose remote user is the one who connected)? */
  byConnectionMember?: boolean;
};

/** Where a pushed entry lives remotely; `meta` is whatever the provider needs to update/delete it again
 *  (e.g. Zoho: log kind, project and task ids, because those are part of the log's URL). */
export type RemoteLogRef = { id: string; meta: Record<string, string | null> };

/** `client`: the remote customer, which becomes (or joins, by name) a client of the workspace. */
export type RemoteProject = { remoteId: string; name: string; description?: string | null; status: "active" | "archived"; client?: { remoteId: string; name: string } | null };
export type RemoteTask = { remoteId: string; name: string; done: boolean };

/** A stretch of activity a pull-only provider saw (RescueTime), offered to the person as a suggested entry. */
export type RemoteActivity = {
  remoteId: string;
  startAt: Date;
  endAt: Date;
  title: string;
  category?: string | null;
  productivity?: number | null;
  /** Seconds of focus inside [startAt, endAt) when the provider reports buckets that are rarely full (RescueTime); else endAt - startAt. */
  seconds?: number;
  /** The document or page inside the activity that took most of the bucket, when known. */
  document?: string | null;
};

/** A log changed in the outside system since the last pull (two-way providers such as Teamleader). */
export type RemoteLogChange = {
  ref: RemoteLogRef;
  deleted: boolean;
  startAt?: Date;
  endAt?: Date;
  description?: string;
  remoteProjectId?: string | null;
  /** When it changed remotely, if the provider's API says so; else the engine counts when the pull saw it. */
  changedAt?: Date;
  /** The remote user whose log it is; a new log becomes the entry of the member matched to them. */
  remoteUserId?: string;
};

/** `reason` says what the entry needs, in words shown as is on its sync badge ("Needs a description"). */
export type Completeness = { ok: true } | { ok: false; reason: string };

/** Stored encrypted per connection; the engine persists what refresh() returns before it is used. */
export type Credentials = {
  accessToken?: string;
  /** Epoch ms. */
  accessTokenExpiresAt?: number;
  /** Epoch ms of the refresh that issued the access token (set by the engine; with the expiry it gives the
   *  token's lifetime, so short-lived tokens are refreshed a share of their life ahead). */
  accessTokenRefreshedAt?: number;
  refreshToken?: string;
  apiKey?: string;
} & Record<string, unknown>;

/** The one way a provider reaches the outside: rate limited per connection (shared through the database),
 *  with a timeout; a network failure or timeout throws TransientError. */
export type HttpClient = (url: string, init?: RequestInit & { timeoutMs?: number }) => Promise<Response>;

export type ProviderContext<Settings> = {
  settings: Settings;
  http: HttpClient;
  /** The current access token, refreshed first when it is expired or about to be. */
  accessToken(): Promise<string>;
  /** Call after the provider saw "token expired" (e.g. a 401): refreshes once, shared by every worker,
   *  then returns the new token (or the one another worker stored meanwhile). Called again while the token it
   *  returned has not expired yet, it is a PermanentError: the grant itself is gone. */
  refreshedAccessToken(): Promise<string>;
  now(): Date;
  /** Keeps facts learned about the account in the connection's settings (e.g. Zoho: the person's user id
   *  in the portal, first seen on a log Stint wrote); `settings` shows them at once. */
  remember(values: Partial<Settings>): Promise<void>;
};

export type OAuthApp = { clientId: string; clientSecret: string; redirectUri: string };

export type ConnectResult<Settings> = { label: string; settings: Settings; credentials: Credentials };

// ---- Capabilities: each optional; the engine calls only the parts a provider has ----

/** OAuth 2 authorization code (Zoho, Teamleader). */
export type OAuth2Connect<Settings> = {
  kind: "oauth2";
  /** The environment variables holding the OAuth client Stint is registered as, first found wins
   *  (e.g. ["ZOHO_PROJECTS_CLIENT_ID", "ZOHO_CLIENT_ID"]). */
  clientIdEnv: readonly string[];
  clientSecretEnv: readonly string[];
  /** Where to send the browser; `state` is Stint's CSRF token. */
  authorizeUrl(app: OAuthApp, settings: Partial<Settings>, state: string): string;
  /** The callback: trade the code (and whatever else the redirect carried) for credentials. */
  exchangeCode(app: OAuthApp, params: URLSearchParams, settings: Partial<Settings>, http: HttpClient): Promise<ConnectResult<Settings>>;
  /** A pasted refresh token (for servers without a browser, e.g. the CLI). */
  fromRefreshToken?(app: OAuthApp, refreshToken: string, settings: Partial<Settings>, http: HttpClient): Promise<ConnectResult<Settings>>;
  /** New credentials from the refresh token. Rotating providers return a new refresh token too;
   *  the engine stores it before anything uses the new access token. */
  refresh(app: OAuthApp, credentials: Credentials, settings: Settings, http: HttpClient): Promise<Credentials>;
};

/** A key the person pastes (RescueTime, ALP). `check` calls the provider once with it: a refused key is
 *  a PermanentError and nothing is saved. The engine stores the key as `credentials.apiKey`. */
export type ApiKeyConnect<Settings> = {
  kind: "api_key";
  check(apiKey: string, settings: Partial<Settings>, http: HttpClient): Promise<{ label: string; settings: Settings }>;
};

/** Nothing secret (a target that needs only its settings, e.g. a URL). */
export type NoCredentialsConnect<Settings> = {
  kind: "none";
  check(settings: Partial<Settings>, http: HttpClient): Promise<{ label: string; settings: Settings }>;
};

export type ConnectCapability<Settings> = OAuth2Connect<Settings> | ApiKeyConnect<Settings> | NoCredentialsConnect<Settings>;
export type ConnectKind = ConnectCapability<unknown>["kind"];

/** `self`: the remote user who connected (always matched to the connection's member, whatever the emails). */
export type RemotePerson = { remoteId: string; email: string | null; name: string; active: boolean; self?: boolean };

/** Remote projects, tasks and people become (linked) Stint projects and tasks. */
export type ImportCapability<Settings> = {
  listProjects(ctx: ProviderContext<Settings>): Promise<RemoteProject[]>;
  listTasks?(ctx: ProviderContext<Settings>, remoteProjectId: string): Promise<RemoteTask[]>;
  listPeople?(ctx: ProviderContext<Settings>): Promise<RemotePerson[]>;
  /** The engine matches listPeople to the workspace's members by email at each import (settings
   *  `memberUsers`), so pushes name each member's remote user and pulled logs land on their member. */
  matchMembers?: boolean;
};

/** Entries become remote logs: created, updated and deleted through the outbox, reconciled after a crash. */
export type PushCapability<Settings> = {
  /** Does this entry carry everything the provider needs? (Zoho: a linked project, stopped, described.) */
  isComplete?(entry: SyncEntry, settings: Settings): Completeness;
  createLog(ctx: ProviderContext<Settings>, entry: SyncEntry): Promise<RemoteLogRef>;
  /** Returns the (possibly new) ref: a provider may have to delete and re-create, e.g. a changed task. */
  updateLog(ctx: ProviderContext<Settings>, ref: RemoteLogRef, entry: SyncEntry): Promise<RemoteLogRef>;
  /** Deleting a log that is already gone succeeds. */
  deleteLog(ctx: ProviderContext<Settings>, ref: RemoteLogRef): Promise<void>;
  /** Reconciliation after a crash during a create: the remote log that matches this entry (same day,
   *  duration, notes, project/task) and is not one of `taken`, or null. Without it, a create that died
   *  unrecorded is made again. */
  findLog?(ctx: ProviderContext<Settings>, entry: SyncEntry, taken: ReadonlySet<string>): Promise<RemoteLogRef | null>;
  /** Which entries a new connection receives until the person changes it. */
  defaultRouting: RoutingRule;
};

/** Two-way providers (Teamleader): logs changed remotely since an opaque cursor the engine keeps per
 *  connection (stream "logs"); null the first time. */
export type PullCapability<Settings> = {
  changesSince(ctx: ProviderContext<Settings>, cursor: string | null): Promise<{ changes: RemoteLogChange[]; cursor: string }>;
};

/** Raw activity (RescueTime) between two instants, offered to the person as suggestions; never pushed. */
export type ActivityCapability<Settings> = {
  /** `zone`: the person's IANA zone (RescueTime reports local wall-clock times without an offset; it is asked day by day). */
  activityBetween(ctx: ProviderContext<Settings>, from: Date, to: Date, zone: string): Promise<RemoteActivity[]>;
};

/** Which entries of the workspace a connection receives (stored on the connection; read by the outbox
 *  trigger and the entry view). */
export type RoutingRule = "imported_projects" | "workspace" | "projects" | "accepted_suggestions" | "none";
export const ROUTING_RULES = ["imported_projects", "workspace", "projects", "accepted_suggestions", "none"] as const satisfies readonly RoutingRule[];

/** A field of the connect form, generated by the generic Settings → Integrations page. */
export type SettingsField = {
  name: string;
  label: string;
  hint?: string;
  /** "select" shows `options`; "text" an input (numeric with `inputMode: "numeric"`); "url" a URL input. */
  kind: "select" | "text" | "url";
  options?: readonly { value: string; label: string }[];
  defaultValue?: string;
  required?: boolean;
  inputMode?: "numeric" | "text";
  pattern?: string;
};

/** Texts a provider gives for failures while connecting (shown on the Integrations page). */
export type ConnectReasons = { settings?: string; provider_refused?: string };

/** What a provider-specific job does with one connection; returns the job's closing message. */
export type JobRunner = (work: {
  ctx: ProviderContext<never>;
  progress(done: number, total: number | null, message: string, phase?: string): Promise<void>;
}) => Promise<string>;

/** Work types (Teamleader): the connection picks a default, each imported project may override it. The
 *  choices are the account's, as the last import saw them; ids are remote, projects keyed by remote id. */
export type WorkTypeCapability<Settings> = {
  choices(settings: Settings): { id: string; name: string }[];
  read(settings: Settings): { defaultId: string | null; byRemoteProject: Record<string, string> };
  /** The settings to store for a new choice (merged into the connection's settings). */
  write(settings: Settings, value: { defaultId: string | null; byRemoteProject: Record<string, string> }): Partial<Settings>;
};

export type Provider<Settings = Record<string, unknown>> = {
  /** Stable id used in URLs, the database and the CLI, e.g. "zoho-projects". */
  name: string;
  /** Shown to people, e.g. "Zoho Projects". */
  label: string;
  /** Settings a connection stores; validated on save. */
  settingsSchema: z.ZodType<Settings>;
  /** The settings a person may send when connecting, checked and normalised before any call to the
   *  provider: a wrong one is a field error, not a failure later. */
  connectSettingsSchema?: z.ZodType<Partial<Settings>>;
  /** The connect form's fields (the page, the API docs and the CLI's --set name=value use the names). */
  settingsForm?: readonly SettingsField[];
  /** Administrator's overrides of the provider's hosts (a proxy, the test suite's fake servers):
   *  settings key `baseUrls`, each key read from its environment variable; all set or none. */
  overrideUrls?: Readonly<Record<string, string>>;
  /** Sentence for the connect page: what connecting does. */
  connectLead?: string;
  reasons?: ConnectReasons;
  /** Requests allowed per connection: a token bucket of `burst` that refills `perSecond`; `blockMs` is how
   *  long the whole connection pauses after the provider answered 429 without a Retry-After. */
  rateLimit: { burst: number; perSecond: number; blockMs: number };

  connect: ConnectCapability<Settings>;
  import?: ImportCapability<Settings>;
  push?: PushCapability<Settings>;
  pull?: PullCapability<Settings>;
  activity?: ActivityCapability<Settings>;
  workTypes?: WorkTypeCapability<Settings>;
  /** Jobs of this provider's own beyond the engine's (import, sync, pull), by kind. */
  jobs?: Readonly<Record<string, JobRunner>>;
};

// ---- Errors a provider throws (anything else counts as transient and is retried with backoff) ----

/** Network failure, timeout, 5xx, 429: try again later (after `retryAfterMs` when the server said so). */
export class TransientError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = "TransientError";
  }
}

/** The provider throttled this connection (429): the whole connection pauses for `blockMs`. */
export class RateLimitedError extends TransientError {
  constructor(message: string, readonly blockMs: number) {
    super(message, blockMs);
    this.name = "RateLimitedError";
  }
}

/** The access token expired or was rejected (e.g. HTTP 401): the engine refreshes once and retries. */
export class AuthExpiredError extends Error {
  constructor(message = "The access token expired.") {
    super(message);
    this.name = "AuthExpiredError";
  }
}

/** Retrying will not help. `scope: "connection"` (revoked credentials, missing OAuth scope) stops the
 *  whole connection until the person reconnects; `scope: "entry"` marks only this entry as failed. */
export class PermanentError extends Error {
  constructor(
    message: string,
    readonly scope: "entry" | "connection" = "entry",
  ) {
    super(message);
    this.name = "PermanentError";
  }
}

/** Retrying will not help until the entry (or the remote side) changes: the entry is held ("incomplete",
 *  with this reason on its badge) instead of failed, so neither "Sync now" nor the schedule retries it.
 *  E.g. Teamleader's freeze window: the remote entry is locked. */
export class HeldError extends PermanentError {
  constructor(message: string) {
    super(message, "entry");
    this.name = "HeldError";
  }
}
