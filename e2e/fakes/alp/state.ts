// The fake ALP's data (/work/shared/integrations/alp.md): plain objects a test may read and change
// directly, plus helpers that keep ids consistent. No dependencies beyond node.

export type FakeAlpUser = { id: string; email: string; name: string; active: boolean };
export type FakeMatter = { id: string; number: string; name: string; client_name: string; status: "active" | "closed"; default_gst_type_id: string | null };
export type FakeOutcome = { id: string; matter_id: string; name: string };
export type FakeComponent = { id: string; outcome_id: string; name: string; billable: boolean };
export type FakeGstType = { id: string; name: string; rate_percent: number };
export type FakeTimeEntry = {
  id: string;
  matter_id: string;
  outcome_id: string | null;
  component_id: string | null;
  user_id: string;
  date: string;
  start_time: string;
  minutes: number;
  units: number;
  description: string;
  gst_type_id: string | null;
  billable: boolean;
  external_ref: string | null;
  /** Invoiced entries refuse PATCH and DELETE with 409 {"code": "invoiced"}. */
  invoiced: boolean;
};

export type FaultKind = 500 | 429 | "timeout" | "reset" | "after-commit-500";
export type Fault = {
  kind: FaultKind;
  /** Seconds for a Retry-After header (429). */
  retryAfter?: number;
  /** Only requests with this method consume the fault. */
  method?: string;
  /** Only requests whose path starts with / matches this consume the fault. */
  path?: string | RegExp;
};

export class FakeAlpState {
  config = {
    /** Requests per rolling minute per key (contract: 60), then 429 with Retry-After. */
    rateLimitPerMinute: 60,
  };
  /** API key → ALP user id. A key not here (or revoked) answers 401. */
  keys = new Map<string, string>();
  users: FakeAlpUser[] = [];
  matters: FakeMatter[] = [];
  outcomes: FakeOutcome[] = [];
  components: FakeComponent[] = [];
  gstTypes: FakeGstType[] = [
    { id: "GST", name: "GST", rate_percent: 10 },
    { id: "GST-FREE", name: "GST-FREE", rate_percent: 0 },
  ];
  entries: FakeTimeEntry[] = [];
  /** Idempotency-Key → the body it first came with and the entry it created. */
  idempotency = new Map<string, { body: string; entryId: string }>();

  faults: Fault[] = [];
  counters: Record<string, number> = {};
  requests: { method: string; path: string; route: string; status: number; idempotencyKey?: string }[] = [];
  callTimes = new Map<string, number[]>();

  private seq = 0;
  private id = (prefix: string) => `${prefix}-${1000 + ++this.seq}`;

  addUser(u: Partial<FakeAlpUser> & { email: string }): FakeAlpUser {
    const user = { id: this.id("U"), name: u.email.split("@")[0], active: true, ...u };
    this.users.push(user);
    return user;
  }

  /** A key for this user (as the practice would issue one). */
  issueKey(userId: string): string {
    const key = `alp_${userId}_${Math.random().toString(36).slice(2, 14)}`;
    this.keys.set(key, userId);
    return key;
  }

  revokeKey(key: string): void {
    this.keys.delete(key);
  }

  addMatter(m: Partial<FakeMatter> & { name: string }): FakeMatter {
    const id = this.id("M");
    const matter: FakeMatter = { id, number: `${id.slice(2)}/26`, client_name: "Client of " + m.name, status: "active", default_gst_type_id: "GST", ...m };
    this.matters.push(matter);
    return matter;
  }

  addOutcome(matterId: string, name: string): FakeOutcome {
    const outcome = { id: this.id("O"), matter_id: matterId, name };
    this.outcomes.push(outcome);
    return outcome;
  }

  addComponent(outcomeId: string, name: string, billable = true): FakeComponent {
    const component = { id: this.id("C"), outcome_id: outcomeId, name, billable };
    this.components.push(component);
    return component;
  }

  newEntryId(): string {
    return this.id("TE");
  }

  count(route: string): number {
    return this.counters[route] ?? 0;
  }
}
