import { z } from "zod";
import { ROUTING_RULES } from "@/lib/integrations/types";

// The shapes the API answers with, for the OpenAPI document and for the API tests, which check every
// answer against them (so the document cannot drift from what the serializers produce).

export const iso = z.iso.datetime().describe("ISO 8601 date-time in UTC, e.g. 2026-11-20T09:30:00.000Z");
/** A local calendar date, YYYY-MM-DD. */
export const localDate = z.iso.date();
const isoOrNull = iso.nullable();

export const paginationShape = z.object({
  page: z.number().int(),
  per_page: z.number().int(),
  total: z.number().int(),
  pages: z.number().int(),
  has_next: z.boolean(),
  has_prev: z.boolean(),
  next_page: z.number().int().nullable(),
  prev_page: z.number().int().nullable(),
});

export const errorShape = z.object({
  error: z.string(),
  message: z.string(),
  error_code: z.string(),
  errors: z.record(z.string(), z.array(z.string())).optional().describe("Validation failures by field"),
  required_scope: z.string().optional(),
  available_scopes: z.array(z.string()).optional(),
  retry_after: z.number().optional(),
  request_id: z.string().optional(),
  created_id: z.number().optional().describe("409 on a retried create whose answer held a secret: the id of what the first request created"),
});

export const entryShape = z.object({
  id: z.number().int(),
  user_id: z.number().int(),
  user: z.string(),
  project_id: z.number().int().nullable(),
  project: z.string().nullable(),
  project_color: z.string().nullable(),
  client_id: z.number().int().nullable(),
  client: z.string().nullable(),
  task_id: z.number().int().nullable(),
  task: z.string().nullable(),
  start_time: iso,
  end_time: isoOrNull.describe("null while the timer runs"),
  duration_seconds: z.number().int(),
  duration_hours: z.number(),
  notes: z.string(),
  tags: z.string().describe("comma-separated"),
  tag_list: z.array(z.string()),
  billable: z.boolean(),
  is_active: z.boolean(),
  source: z.enum(["timer", "manual", "api", "import"]),
  created_at: iso,
  updated_at: iso,
});

export const projectShape = z.object({
  id: z.number().int(),
  workspace_id: z.number().int(),
  private: z.boolean().describe("Only its members (and the workspace's owners and admins) see it and book on it"),
  member_ids: z.array(z.number().int()).describe("The members a private project is assigned to"),
  name: z.string(),
  description: z.string().nullable(),
  client_id: z.number().int().nullable(),
  client: z.string().nullable(),
  hourly_rate: z.number().nullable(),
  estimated_hours: z.number().nullable(),
  budget_amount: z.number().nullable().describe("What the client agreed to pay for it, in the workspace's currency"),
  member_rates: z.array(z.object({ user_id: z.number().int(), hourly_rate: z.number() })).describe("Members' own hourly rates on this project: they win over the project's, the client's, the member's and the workspace's"),
  status: z.enum(["active", "archived", "on_hold"]),
  billable: z.boolean(),
  color: z.string(),
  integration: z.object({ connection_id: z.number().int(), provider: z.string().nullable(), remote_id: z.string() }).nullable(),
  created_at: iso,
  updated_at: iso,
  tracked_seconds: z.number().int().min(0).describe("All the project's sessions, a running one up to now"),
  tracked_seconds_this_month: z.number().int().min(0).describe("The part of them in this calendar month in the user's time zone (split at local midnight)"),
  billable_seconds: z.number().int().min(0).describe("Of tracked_seconds, the sessions marked billable"),
  billable_amount: z
    .number()
    .min(0)
    .nullable()
    .describe("Billable seconds × each entry's hourly rate (member on project > project > client > member > workspace default), to the cent, in `currency`: the grouped report's amount for this project over all time; null when no rate applies"),
  currency: z.string().describe("The workspace's currency (ISO 4217), as in reports"),
  estimate_progress: z.number().nullable().describe("tracked_seconds / estimated_hours (0.6 = 60 %, over 1 when over), all time; null without an estimate"),
  estimate_remaining_seconds: z.number().int().nullable().describe("estimated_hours − tracked_seconds in seconds (negative: over); null without an estimate"),
  budget_spent: z.number().nullable().describe("What the budget is spent by: billable_amount, all time; null without budget_amount or without a rate"),
  budget_progress: z.number().nullable().describe("budget_spent / budget_amount (0.6 = 60 %, over 1 when over budget); null when budget_spent is, or the budget is 0"),
  budget_remaining: z.number().nullable().describe("budget_amount − budget_spent, to the cent (negative: over budget); null when budget_spent is"),
});

export const clientShape = z.object({
  id: z.number().int(),
  name: z.string(),
  email: z.string().nullable(),
  company: z.string().nullable(),
  phone: z.string().nullable(),
  hourly_rate: z.number().nullable().describe("The rate of billable time on this client's projects when neither the project nor the member on it has one"),
  archived: z.boolean(),
  status: z.enum(["active", "archived"]),
  project_count: z.number().int().describe("Projects of any status"),
  created_at: iso,
  updated_at: iso,
});

export const taskShape = z.object({
  id: z.number().int(),
  name: z.string(),
  description: z.string().nullable(),
  project_id: z.number().int(),
  project: z.string(),
  status: z.enum(["todo", "in_progress", "review", "done", "cancelled"]),
  priority: z.enum(["low", "medium", "high", "urgent"]),
  estimated_hours: z.number().nullable(),
  due_date: localDate.nullable(),
  created_at: iso,
  updated_at: iso,
});

export const tagShape = z.object({ id: z.number().int(), name: z.string(), entries: z.number().int().optional() });

export const userShape = z.object({
  id: z.number().int(),
  email: z.string(),
  username: z.string(),
  name: z.string(),
  full_name: z.string(),
  is_admin: z.boolean(),
  role: z.enum(["admin", "user"]),
  timezone: z.string(),
  week_start: z.number().int(),
  runaway_threshold_minutes: z.number().int(),
  max_entry_minutes: z.number().int().describe("The longest session that can be saved, in minutes (60-10080, default 1440 = 24 h); longer entries are refused with a validation error"),
  currency: z.string().describe("ISO 4217 code in which billable amounts are shown, e.g. EUR"),
  created_at: iso,
  updated_at: iso,
});

export const workspaceRoleShape = z.enum(["owner", "admin", "manager", "member"]).describe("The user's role in the workspace");

export const actingWorkspaceShape = z
  .object({ id: z.number().int(), name: z.string(), currency: z.string() })
  .describe("The workspace a token belongs to, or the one chosen in the browser's workspace switcher");

export const tokenShape = z.object({
  id: z.number().int(),
  name: z.string(),
  description: z.string().nullable(),
  prefix: z.string(),
  scopes: z.array(z.string()),
  workspace_id: z.number().int().describe("The workspace the token acts in, as its member"),
  expires_at: isoOrNull,
  last_used_at: isoOrNull,
  created_at: iso,
  expired: z.boolean(),
});

export const overviewShape = z.object({
  kind: z.enum(["day", "week", "month"]),
  start_date: localDate,
  end_date: localDate,
  timezone: z.string(),
  as_of: iso.describe("The instant the totals are computed at: a running session counts up to it."),
  running: z
    .object({ id: z.number().int(), project_id: z.number().int().nullable(), billable: z.boolean() })
    .nullable()
    .describe("The running session counted in these totals, if any: while it runs, add the seconds since as_of to today's, its project's and the period's totals."),
  total_seconds: z.number(),
  billable_seconds: z.number(),
  entries: z.number().int(),
  days: z.array(
    z.object({
      date: localDate,
      seconds: z.number(),
      billable_seconds: z.number(),
      projects: z.array(z.object({ project_id: z.number().int().nullable(), seconds: z.number() })),
    }),
  ),
  projects: z.array(
    z.object({
      project_id: z.number().int().nullable(),
      project: z.string().nullable(),
      color: z.string().nullable(),
      client: z.string().nullable(),
      seconds: z.number(),
      billable_seconds: z.number(),
    }),
  ),
});

export const periodReportShape = overviewShape.extend({
  sessions: z.array(entryShape).describe("The time entries overlapping the period, newest first"),
  sessions_capped: z.boolean().describe("True when the period has more sessions than one answer holds: sessions then holds the newest"),
});

const idName = z.tuple([z.number().int(), z.string()]);

export const periodRowsReportShape = overviewShape.extend({
  session_rows: z
    .object({
      columns: z.array(z.string()).describe("The fields of each row, in order: id, project_id, task_id, notes, billable, source, start, end, created_at, updated_at, tag_ids"),
      rows: z
        .array(
          z.tuple([
            z.number().int(),
            z.number().int().nullable(),
            z.number().int().nullable(),
            z.string(),
            z.boolean(),
            z.string(),
            z.number(),
            z.number().nullable(),
            z.number(),
            z.number(),
            z.array(z.number().int()),
          ]),
        )
        .describe("The time entries overlapping the period, newest first; instants as seconds since 1970 (to the microsecond), end null while running"),
      user_id: z.number().int(),
      user: z.string(),
      projects: z.array(z.tuple([z.number().int(), z.string(), z.string().nullable(), z.number().int().nullable(), z.string().nullable()])).describe("[id, name, color, client_id, client] of each project the rows name"),
      tasks: z.array(idName).describe("[id, name] of each task the rows name"),
      tags: z.array(idName).describe("[id, name] of each tag the rows name, in the order an entry lists its tags"),
    })
    .describe("The period's sessions as rows (shape=rows)"),
  sessions_capped: z.boolean().describe("True when the period has more sessions than one answer holds: the rows are then the newest"),
});

export const summaryShape = z.object({
  start_date: localDate,
  end_date: localDate,
  total_hours: z.number(),
  billable_hours: z.number(),
  total_entries: z.number().int(),
  by_project: z.array(
    z.object({ project_id: z.number().int().nullable(), project_name: z.string(), hours: z.number(), billable_hours: z.number(), entries: z.number().int() }),
  ),
});

export const messageShape = z.object({ message: z.string() });

export const sessionShape = z.object({
  id: z.number(),
  browser: z.string().describe("Browser and system, e.g. Firefox on Linux"),
  created_at: iso,
  last_seen_at: iso.describe("Updated at most once a minute"),
  current: z.boolean().describe("The session making this request (this device)"),
});
export const list = <K extends string, T extends z.ZodType>(key: K, item: T) => z.object({ [key]: z.array(item), pagination: paginationShape } as { [P in K]: z.ZodArray<T> } & { pagination: typeof paginationShape });
/** The lists with keyset paging: the documented pagination object, plus the cursor of the next page. */
export const pagedList = <K extends string, T extends z.ZodType>(key: K, item: T) =>
  list(key, item).extend({ next_cursor: z.string().nullable().describe("Pass as `cursor` for the next page (null on the last page); page/per_page keep working too") });
export const tombstoneShape = z.object({ id: z.number().int(), deleted: z.literal(true), deleted_at: iso }).describe("A deletion (with include_deleted=true)");
/** The change feed of a list (updated_since, then cursor): changes oldest first, and where to resume. */
export const feed = <K extends string, T extends z.ZodType>(key: K, item: T) =>
  z.object({
    [key]: z.array(z.union([item, tombstoneShape])),
    next_cursor: z.string().describe("Pass as `cursor` to get the changes after these; keep it to poll later"),
    has_more: z.boolean().describe("More changes are ready now"),
  } as { [P in K]: z.ZodArray<z.ZodUnion<[T, typeof tombstoneShape]>> } & { next_cursor: z.ZodString; has_more: z.ZodBoolean });
/**
 * A list endpoint with a feed: the document and the API tests check answers against both shapes; its
 * TypeScript type stays the list's, the answer callers of the list get (feed readers parse with `feed`).
 */
export const listOrFeed = <K extends string, T extends z.ZodType>(key: K, item: T) =>
  z.union([pagedList(key, item), feed(key, item)]) as unknown as ReturnType<typeof pagedList<K, T>>;
export const one = <K extends string, T extends z.ZodType>(key: K, item: T) => z.object({ [key]: item } as { [P in K]: T });
export const changed = <K extends string, T extends z.ZodType>(key: K, item: T) => z.object({ message: z.string(), [key]: item } as { message: z.ZodString } & { [P in K]: T });

// ---- Integrations (lib/integrations/service.ts: serializeConnection, serializeJob, serializeEvent, entrySyncStates) ----

const syncCounts = z.object({ pending: z.number().int(), synced: z.number().int(), incomplete: z.number().int(), failed: z.number().int() });

export const integrationShape = z.object({
  id: z.number().int(),
  provider: z.string().describe("The provider's name, e.g. zoho-projects"),
  provider_label: z.string(),
  label: z.string().describe("The remote account, e.g. the Zoho portal"),
  status: z.enum(["active", "error"]).describe("error: the connection stopped (see last_error) until it is reconnected"),
  settings: z.record(z.string(), z.unknown()).describe("What was chosen when connecting (e.g. dc, portalId); never credentials"),
  routing: z
    .object({ rule: z.enum(ROUTING_RULES), project_ids: z.array(z.number().int()) })
    .describe("Which entries the connection receives: of the projects it imported, every entry of the workspace, those of project_ids, or none"),
  jobs: z.array(z.string()).describe("The jobs this connection can run, e.g. sync, import_projects, pull"),
  last_sync_at: isoOrNull,
  last_error: z.string().nullable(),
  last_error_at: isoOrNull,
  next_sync_at: isoOrNull.describe("When the worker's schedule next pulls (two-way) or imports activity; null for connections that send entries as they change, and for stopped ones"),
  projects_imported_at: isoOrNull,
  blocked_until: isoOrNull.describe("Set while the provider throttles this connection"),
  entries: syncCounts.describe("How many of your entries are in each sync state"),
  work_types: z
    .object({
      choices: z.array(z.object({ id: z.string(), name: z.string() })),
      default_id: z.string().nullable(),
      projects: z.array(z.object({ project_id: z.number().int(), name: z.string(), work_type_id: z.string().nullable().describe("null: the default") })),
    })
    .nullable()
    .describe("Teamleader: the connection's default work type and each imported project's override (change them with PATCH work_types); null for providers without work types"),
  created_at: iso,
});

export const providerShape = z.object({
  name: z.string(),
  label: z.string(),
  connect: z.enum(["oauth2", "api_key", "none"]),
  configured: z.boolean().describe("false: the server lacks the provider's OAuth client (the variables in env.required)"),
  env: z.object({ required: z.array(z.string()), optional: z.array(z.string()) }).describe("Environment variables an administrator sets for this provider"),
  lead: z.string().nullable(),
  settings_form: z
    .array(
      z.object({
        name: z.string(),
        label: z.string(),
        hint: z.string().optional(),
        kind: z.enum(["select", "text", "url"]),
        options: z.array(z.object({ value: z.string(), label: z.string() })).readonly().optional(),
        defaultValue: z.string().optional(),
        required: z.boolean().optional(),
        inputMode: z.enum(["numeric", "text"]).optional(),
        pattern: z.string().optional(),
      }),
    )
    .readonly()
    .describe("The settings a connect sends (as settings.<name>)"),
  capabilities: z.object({ connect: z.enum(["oauth2", "api_key", "none"]), import: z.boolean(), push: z.boolean(), pull: z.boolean(), activity: z.boolean() }),
  jobs: z.array(z.string()),
});

export const jobShape = z.object({
  id: z.number().int(),
  connection_id: z.number().int(),
  kind: z.string().describe("sync, import_projects, pull, or a provider's own kind"),
  status: z.enum(["queued", "running", "succeeded", "failed"]),
  phase: z.string().nullable().describe('What it is doing now: "projects", "tasks", "users" (an import), "pull", "push"; "done" when it succeeded'),
  done: z.number().int(),
  total: z.number().int().nullable(),
  message: z.string().nullable(),
  created_at: iso,
  started_at: isoOrNull,
  finished_at: isoOrNull,
});

export const integrationEventShape = z.object({
  id: z.number().int(),
  at: iso,
  level: z.enum(["info", "warn", "error"]),
  message: z.string(),
  entry_id: z.number().int().nullable(),
});

export const entrySyncStateShape = z.object({
  entry_id: z.number().int(),
  connection_id: z.number().int(),
  provider: z.string(),
  state: z.enum(["pending", "synced", "incomplete", "failed"]).describe("pending: waiting to be pushed; incomplete: lacks what the provider needs (reason)"),
  reason: z.string().nullable(),
  attempts: z.number().int(),
  next_attempt_at: isoOrNull,
  synced_at: isoOrNull,
  pulled: z.boolean().describe("The entry came from the provider (a two-way sync's pull), e.g. booked in Teamleader"),
});

// ---- Workspaces (lib/workspaces: serializeWorkspace, serializeMember, serializeInvitation) ----

export const workspaceShape = z.object({
  id: z.number().int(),
  name: z.string(),
  currency: z.string().describe("ISO 4217 code in which the workspace's billable amounts are shown"),
  default_hourly_rate: z.number().nullable().describe("The rate of billable time when neither the member, the client nor the project has one"),
  rounding: z.object({ mode: z.enum(["none", "up", "down", "nearest"]), minutes: z.number().int(), scope: z.enum(["entry", "group"]) }).describe("How reports round durations unless a report says otherwise"),
  role: workspaceRoleShape.describe("Your role in this workspace"),
  created_at: iso,
});

export const memberShape = z.object({
  user_id: z.number().int(),
  name: z.string(),
  email: z.string(),
  role: workspaceRoleShape,
  hourly_rate: z.number().nullable().describe("This member's billable rate in this workspace (overrides the workspace's default; the client's, the project's and the member's rate on a project win)"),
  joined_at: iso,
});

export const invitationShape = z.object({
  id: z.number().int(),
  email: z.string().describe("Only an account with this address can accept"),
  role: workspaceRoleShape.describe("The role on joining"),
  expires_at: iso,
  created_at: iso,
  invited_by: z.object({ user_id: z.number().int(), name: z.string() }).nullable(),
});

export const createdInvitationShape = invitationShape.extend({
  url: z.string().describe("The invitation link: shown only in this answer (only a hash of its secret is kept). Whoever opens it signed in (or registers) with the invited address joins"),
});
/** The same for the lists paged by page number only (projects, clients, tasks): no next_cursor in the list. */
export const pageListOrFeed = <K extends string, T extends z.ZodType>(key: K, item: T) =>
  z.union([list(key, item), feed(key, item)]) as unknown as ReturnType<typeof list<K, T>>;

// ---- Webhooks (lib/webhooks/service.ts: serializeWebhook, serializeDelivery) ----

export const webhookShape = z.object({
  id: z.number().int(),
  url: z.string(),
  events: z.array(z.string()).describe("The events it receives; * is every event"),
  active: z.boolean().describe("false: paused, or deactivated after failing for 3 days (deactivated_reason says why)"),
  description: z.string(),
  deactivated_reason: z.string().nullable(),
  created_at: iso,
});

export const webhookWithSecretShape = z.object({
  webhook: webhookShape,
  secret: z.string().describe("whsec_…: signs every delivery (Stint-Signature). Shown only in this answer: store it now"),
});

export const deliveryShape = z.object({
  id: z.number().int(),
  event_id: z.string().describe("evt_…: the Stint-Event-Id header, the same on every retry"),
  event: z.string().nullable().describe("The event's type, e.g. time_entry.created"),
  status: z.enum(["pending", "retrying", "succeeded", "failed"]),
  attempts: z.number().int(),
  response_status: z.number().int().nullable().describe("The HTTP status of the last attempt"),
  duration_ms: z.number().int().nullable(),
  next_attempt_at: isoOrNull.describe("When it is sent next (pending and retrying only)"),
  created_at: iso,
  request_excerpt: z.string().nullable().describe("The start of what the last attempt sent"),
  response_excerpt: z.string().nullable().describe("The start of what came back"),
  last_error: z.string().nullable(),
});

// ---- Suggestions (lib/suggestions/serialize.ts, lib/suggestions/service.ts getSuggestionRules) ----

export const suggestionShape = z.object({
  id: z.number().int(),
  source: z.string().describe("The provider it came from, e.g. rescuetime"),
  start_time: iso,
  end_time: iso,
  duration_seconds: z.number().int().describe("end_time - start_time: the focus time rounded by your rules"),
  day: localDate.describe("Your local day it belongs to"),
  notes: z.string(),
  project_id: z.number().int().nullable(),
  task_id: z.number().int().nullable(),
  tags: z.array(z.string()),
  billable: z.boolean().nullable().describe("null: the project's default when accepted"),
  status: z.enum(["pending", "accepted", "ignored"]),
  trimmed: z.boolean().describe("Cut short around an entry you already had"),
  activities: z.array(z.object({ name: z.string(), category: z.string().nullable(), productivity: z.number().int().nullable().describe("-2 very distracting … 2 very productive"), seconds: z.number().int() })),
  time_entry_id: z.number().int().nullable().describe("The entry it became, once accepted"),
});

export const suggestionRulesShape = z.object({
  group_by: z.enum(["activity", "category"]),
  gap_minutes: z.number().int(),
  min_block_minutes: z.number().int(),
  min_productivity: z.number().int(),
  round_minutes: z.number().int(),
  denied_categories: z.array(z.string()),
  mappings: z.array(
    z.object({
      id: z.number().int(),
      field: z.enum(["activity", "category", "document"]),
      pattern: z.string(),
      project_id: z.number().int().nullable(),
      task_id: z.number().int().nullable(),
      tags: z.array(z.string()),
      billable: z.boolean().nullable(),
    }),
  ),
});
