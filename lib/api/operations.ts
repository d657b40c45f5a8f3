import { z } from "zod";
import { createClientSchema, listClientsQuery, updateClientSchema } from "@/lib/clients/schema";
import { createEntrySchema, listEntriesQuery, startTimerSchema, stopTimerSchema, updateEntrySchema } from "@/lib/entries/schema";
import { createProjectSchema, listProjectsQuery, updateProjectSchema } from "@/lib/projects/schema";
import { overviewQuery, periodQuery } from "@/lib/reports/overview-query";
import { PERIOD_SESSIONS_CAP } from "@/lib/reports/period";
import { summaryQuery } from "@/lib/reports/summary";
import { detailedReportQuery, groupedReportQuery } from "@/lib/reports/builder/query-schema";
import { detailedReportShape, groupedReportShape } from "@/lib/reports/builder/response-schema";
import { CONTENT_TYPES } from "@/lib/reports/export/filename";
import { createdShareLinkShape, savedReportShape, shareLinkShape } from "@/lib/reports/saved/response-schema";
import { createSavedReportSchema, createShareLinkSchema, updateSavedReportSchema } from "@/lib/reports/saved/schema";
import { createTagSchema, listTagsQuery, renameTagSchema } from "@/lib/tags/schema";
import { connectWithCredentialsSchema, updateIntegrationSchema } from "@/lib/integrations/schema";
import { createTaskSchema, listTasksQuery, updateTaskSchema } from "@/lib/tasks/schema";
import { createTokenRequestSchema, loginSchema } from "@/lib/tokens/schema";
import type { Scope } from "@/lib/tokens/scopes";
import { updateSettingsSchema } from "@/lib/users/schema";
import { createWebhookSchema, listDeliveriesQuery, updateWebhookSchema } from "@/lib/webhooks/schema";
import { acceptSuggestionSchema, bulkAcceptSchema, importActivitySchema, listSuggestionsQuery, suggestionRulesSchema } from "@/lib/suggestions/schema";
import { acceptInvitationSchema, createInvitationSchema, createWorkspaceSchema, listMembersQuery, updateMemberSchema, updateWorkspaceSchema } from "@/lib/workspaces/schema";
import * as r from "./responses";

/** A path id: a positive integer, else 404 as if absent (never a 500 or a 400 for `/projects/abc`). */
export const idParams = z.object({
  id: z
    .string()
    .regex(/^\d{1,9}$/)
    .transform(Number)
    .catch(-1),
});

const pathId = z
  .string()
  .regex(/^\d{1,9}$/)
  .transform(Number)
  .catch(-1);

/** /integrations/{id}/jobs/{job}: both ids, each 404 when not the caller's. */
export const jobParams = z.object({ id: pathId, job: pathId });

/** /webhooks/{id}/deliveries/{delivery_id}: both ids, each 404 when not the caller's workspace's. */
export const deliveryParams = z.object({ id: pathId, delivery_id: pathId });

/** /workspaces/{id}/members/{user_id}: the workspace and the member's user id, each 404 when out of reach. */
export const memberParams = z.object({ id: pathId, user_id: pathId });

/** /workspaces/{id}/invitations/{inv}. */
export const invitationParams = z.object({ id: pathId, inv: pathId });

/** /saved-reports/{id}/share-links/{link_id}: both ids, each 404 when not the caller's. */
export const shareLinkParams = z.object({ id: pathId, link_id: pathId });

/** /integrations/providers/{provider}/connect: a provider's name (an unknown one is a 404). */
export const providerParams = z.object({ provider: z.string().max(100).describe("A provider's name, as in providers[].name of GET /integrations, e.g. zoho-projects") });

export const integrationEventsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100).describe("How many lines, newest first (1-500, default 100)"),
});

export const entrySyncStatesQuery = z.object({
  entry_ids: z
    .string()
    .trim()
    .regex(/^\d{1,9}( *, *\d{1,9})*$/, "Give entry ids separated by commas, e.g. 1,2,3.")
    .transform((s) => [...new Set(s.split(",").map((id) => Number(id.trim())))])
    .refine((ids) => ids.length <= 500, "At most 500 entry ids.")
    .describe("Comma-separated time entry ids (at most 500), e.g. 1,2,3"),
});

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export type Operation = {
  method: Method;
  /** OpenAPI path under /api/v1, e.g. /projects/{id}. */
  path: string;
  summary: string;
  tag: string;
  /** null: any authenticated caller; "public": no authentication. */
  scope: Scope | null | "public";
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  status?: number;
  response: z.ZodType;
  errors?: string[];
  /** Other answers than JSON the operation gives (e.g. with `format=csv`): their content types, documented as files. */
  files?: readonly string[];
  /** The answer holds a secret (an API token) under this key's object: it is never stored for an Idempotency-Key replay. */
  secretIn?: string;
};

const op = <O extends Operation>(o: O) => o;

const startBody = startTimerSchema.extend({
  replace_running: z.boolean().optional().describe("Stint: stop a running timer at the same instant instead of answering 409"),
});

/**
 * Every endpoint of /api/v1 with the schemas that validate it. Route handlers take their operation from
 * here (so what is validated is what is documented), and /api/v1/openapi.json is generated from it.
 */
export const ops = {
  info: op({ method: "GET", path: "/info", summary: "API version and endpoints", tag: "Meta", scope: "public", response: z.object({ api_version: z.string(), app_version: z.string(), documentation_url: z.string(), openapi_url: z.string(), endpoints: z.record(z.string(), z.string()) }) }),
  health: op({ method: "GET", path: "/health", summary: "Health of the server and its database", tag: "Meta", scope: "public", response: z.object({ status: z.enum(["healthy", "unhealthy"]), timestamp: r.iso }), errors: ["503"] }),
  openapi: op({ method: "GET", path: "/openapi.json", summary: "This OpenAPI document", tag: "Meta", scope: "public", response: z.object({ openapi: z.string() }).passthrough() }),
  login: op({ method: "POST", path: "/auth/login", summary: "Exchange a username (email) and password for a new API token: the user's scopes or the `scopes` asked for, expiring after `expires_in_days` (default 30), named after `client_name`", tag: "Auth", scope: "public", body: loginSchema, status: 201, response: z.object({ message: z.string(), token: z.string(), token_info: r.tokenShape, user: z.object({ id: z.number(), email: z.string(), name: z.string() }) }), errors: ["400", "401", "429"] }),

  listTokens: op({ method: "GET", path: "/tokens", summary: "Your API tokens (never their secret)", tag: "Auth", scope: "admin:all", response: z.object({ tokens: z.array(r.tokenShape) }) }),
  createToken: op({ method: "POST", path: "/tokens", summary: "Create an API token for you as a member of the workspace you act in (admin:all only for owners and admins, read:team for managers and up); shown once. The instance's admins may pass user_id or user_email (the token then acts in that user's first workspace). A retry with the same Idempotency-Key creates no second token: it answers 409 conflict with the first token's id (created_id), never the secret again", tag: "Auth", scope: "admin:all", body: createTokenRequestSchema, status: 201, response: z.object({ message: z.string(), token: z.string(), api_token: r.tokenShape }), errors: ["409"], secretIn: "api_token" }),
  revokeToken: op({ method: "DELETE", path: "/tokens/{id}", summary: "Revoke an API token", tag: "Auth", scope: "admin:all", params: idParams, response: r.messageShape }),

  timerStatus: op({ method: "GET", path: "/timer/status", summary: "The running timer, if any", tag: "Timer", scope: "read:time_entries", response: z.object({ active: z.boolean(), timer: r.entryShape.nullable(), server_time: r.iso }) }),
  timerStart: op({ method: "POST", path: "/timer/start", summary: "Start a timer", tag: "Timer", scope: "write:time_entries", body: startBody, status: 201, response: z.object({ message: z.string(), timer: r.entryShape }), errors: ["409"] }),
  timerStop: op({ method: "POST", path: "/timer/stop", summary: "Stop the running timer (now, or at end_time). A session longer than the user's max_entry_minutes is refused (400 on end_time): stop it at an earlier end_time", tag: "Timer", scope: "write:time_entries", body: stopTimerSchema, response: z.object({ message: z.string(), time_entry: r.entryShape }), errors: ["400"] }),

  listEntries: op({ method: "GET", path: "/time-entries", summary: "Time entries of the workspace, newest first: yours, or with user_id another member's (owners, admins and managers; a token needs read:team or admin:all). 403 for a member asking for someone else, 404 for a user who is no member. Page with page/per_page or with cursor (next_cursor). With updated_since (then cursor): the change feed, oldest change first, running entry included, the other filters refused (400); include_deleted=true adds deletions as tombstones (kept 90 days: 410 when asked from before)", tag: "Time entries", scope: "read:time_entries", errors: ["410"], query: listEntriesQuery, response: r.listOrFeed("time_entries", r.entryShape) }),
  createEntry: op({ method: "POST", path: "/time-entries", summary: "Create a time entry (without end_time: start a timer). It may not end in the future (a minute of clock skew is allowed) nor be longer than the user's max_entry_minutes. Owners and admins may create another member's entry with user_id (a token needs admin:all); on a private project only for its members", tag: "Time entries", scope: "write:time_entries", body: createEntrySchema, status: 201, response: r.changed("time_entry", r.entryShape), errors: ["409"] }),
  getEntry: op({ method: "GET", path: "/time-entries/{id}", summary: "One time entry", tag: "Time entries", scope: "read:time_entries", params: idParams, response: r.one("time_entry", r.entryShape) }),
  putEntry: op({ method: "PUT", path: "/time-entries/{id}", summary: "Update a time entry", tag: "Time entries", scope: "write:time_entries", params: idParams, body: updateEntrySchema, response: r.changed("time_entry", r.entryShape) }),
  patchEntry: op({ method: "PATCH", path: "/time-entries/{id}", summary: "Update some fields of a time entry", tag: "Time entries", scope: "write:time_entries", params: idParams, body: updateEntrySchema, response: r.changed("time_entry", r.entryShape) }),
  deleteEntry: op({ method: "DELETE", path: "/time-entries/{id}", summary: "Delete a time entry. It is gone at once for every reader; POST /time-entries/{id}/restore undoes this for 10 minutes", tag: "Time entries", scope: "write:time_entries", params: idParams, response: r.messageShape }),
  restoreEntry: op({ method: "POST", path: "/time-entries/{id}/restore", summary: "Undo a deletion within 10 minutes: the entry comes back with its id, project, task and tags. 410 when it is too late; 409 when its project or task was deleted since, when it is not deleted, or when it was a running timer and another runs", tag: "Time entries", scope: "write:time_entries", params: idParams, response: r.changed("time_entry", r.entryShape), errors: ["404", "409", "410"] }),

  listProjects: op({ method: "GET", path: "/projects", summary: "Projects; with query, ranked by how well the name matches. With updated_since (then cursor): the change feed, oldest change first, other filters refused (400); include_deleted=true adds deletions as tombstones (kept 90 days: 410 when asked from before)", tag: "Projects", scope: "read:projects", errors: ["410"], query: listProjectsQuery, response: r.pageListOrFeed("projects", r.projectShape) }),
  createProject: op({ method: "POST", path: "/projects", summary: "Create a project (managers and up; 409 with errors.name when the client already has a project of that name, whatever its case). private with member_ids: only those members, owners and admins see it and book on it", tag: "Projects", scope: "write:projects", body: createProjectSchema, status: 201, response: r.changed("project", r.projectShape), errors: ["409"] }),
  getProject: op({ method: "GET", path: "/projects/{id}", summary: "One project", tag: "Projects", scope: "read:projects", params: idParams, response: r.one("project", r.projectShape) }),
  putProject: op({ method: "PUT", path: "/projects/{id}", summary: "Update a project", tag: "Projects", scope: "write:projects", params: idParams, body: updateProjectSchema, response: r.changed("project", r.projectShape), errors: ["409"] }),
  patchProject: op({ method: "PATCH", path: "/projects/{id}", summary: "Update some fields of a project", tag: "Projects", scope: "write:projects", params: idParams, body: updateProjectSchema, response: r.changed("project", r.projectShape), errors: ["409"] }),
  deleteProject: op({ method: "DELETE", path: "/projects/{id}", summary: "Archive a project (its time stays)", tag: "Projects", scope: "write:projects", params: idParams, response: r.messageShape }),

  listClients: op({ method: "GET", path: "/clients", summary: "Clients. With updated_since (then cursor): the change feed, oldest change first, archived ones included; include_deleted=true adds deletions as tombstones (kept 90 days: 410 when asked from before)", tag: "Clients", scope: "read:clients", errors: ["410"], query: listClientsQuery, response: r.pageListOrFeed("clients", r.clientShape) }),
  createClient: op({ method: "POST", path: "/clients", summary: "Create a client", tag: "Clients", scope: "write:clients", body: createClientSchema, status: 201, response: r.changed("client", r.clientShape) }),
  getClient: op({ method: "GET", path: "/clients/{id}", summary: "One client", tag: "Clients", scope: "read:clients", params: idParams, response: r.one("client", r.clientShape) }),
  putClient: op({ method: "PUT", path: "/clients/{id}", summary: "Update a client", tag: "Clients", scope: "write:clients", params: idParams, body: updateClientSchema, response: r.changed("client", r.clientShape) }),
  patchClient: op({ method: "PATCH", path: "/clients/{id}", summary: "Update some fields of a client", tag: "Clients", scope: "write:clients", params: idParams, body: updateClientSchema, response: r.changed("client", r.clientShape) }),
  deleteClient: op({ method: "DELETE", path: "/clients/{id}", summary: "Delete a client (its projects stay, without client)", tag: "Clients", scope: "write:clients", params: idParams, response: r.messageShape }),

  listTasks: op({ method: "GET", path: "/tasks", summary: "Tasks. With updated_since (then cursor): the change feed, oldest change first, other filters refused (400); include_deleted=true adds deletions as tombstones (kept 90 days: 410 when asked from before)", tag: "Tasks", scope: "read:tasks", errors: ["410"], query: listTasksQuery, response: r.pageListOrFeed("tasks", r.taskShape) }),
  createTask: op({ method: "POST", path: "/tasks", summary: "Create a task", tag: "Tasks", scope: "write:tasks", body: createTaskSchema, status: 201, response: r.changed("task", r.taskShape) }),
  getTask: op({ method: "GET", path: "/tasks/{id}", summary: "One task", tag: "Tasks", scope: "read:tasks", params: idParams, response: r.one("task", r.taskShape) }),
  putTask: op({ method: "PUT", path: "/tasks/{id}", summary: "Update a task", tag: "Tasks", scope: "write:tasks", params: idParams, body: updateTaskSchema, response: r.changed("task", r.taskShape) }),
  patchTask: op({ method: "PATCH", path: "/tasks/{id}", summary: "Update some fields of a task", tag: "Tasks", scope: "write:tasks", params: idParams, body: updateTaskSchema, response: r.changed("task", r.taskShape) }),
  deleteTask: op({ method: "DELETE", path: "/tasks/{id}", summary: "Delete a task (its entries stay on the project)", tag: "Tasks", scope: "write:tasks", params: idParams, response: r.messageShape }),

  listTags: op({ method: "GET", path: "/tags", summary: "Tags with how many entries use them. With updated_since (then cursor): the change feed, oldest change first; include_deleted=true adds deletions as tombstones (kept 90 days: 410 when asked from before)", tag: "Tags", scope: "read:time_entries", errors: ["410"], query: listTagsQuery, response: z.union([z.object({ tags: z.array(r.tagShape) }), r.feed("tags", r.tagShape)]) as unknown as z.ZodObject<{ tags: z.ZodArray<typeof r.tagShape> }> }),
  createTag: op({ method: "POST", path: "/tags", summary: "Create a tag", tag: "Tags", scope: "write:time_entries", body: createTagSchema, status: 201, response: r.changed("tag", r.tagShape) }),
  putTag: op({ method: "PUT", path: "/tags/{id}", summary: "Rename a tag", tag: "Tags", scope: "write:time_entries", params: idParams, body: renameTagSchema, response: r.changed("tag", r.tagShape) }),
  patchTag: op({ method: "PATCH", path: "/tags/{id}", summary: "Rename a tag", tag: "Tags", scope: "write:time_entries", params: idParams, body: renameTagSchema, response: r.changed("tag", r.tagShape) }),
  deleteTag: op({ method: "DELETE", path: "/tags/{id}", summary: "Delete a tag (removed from its entries)", tag: "Tags", scope: "write:time_entries", params: idParams, response: r.messageShape }),

  summary: op({ method: "GET", path: "/reports/summary", summary: "Hours between two dates, by project: yours, or with user_id another member's (owners, admins and managers; a token needs read:team or admin:all; 403 for a member, 404 for a user who is no member)", tag: "Reports", scope: "read:reports", query: summaryQuery, response: z.object({ summary: r.summaryShape }) }),
  groupedReport: op({ method: "GET", path: "/reports/grouped", summary: "Stint: the report builder, grouped: one or two levels (group_by=project,tag) among client, project, task, tag, member, day, week, month, each with duration, billable duration, amount and rounded figures, and totals. Range: a preset in your zone and week start, or start_date/end_date; entries across local midnight are split there. Filters: user_id (managers and up; a token needs read:team; 403 for a member, 404 for who is no member), client_id, project_id, task_id, tag_id (tags=any|all), billable, description, has_project. Rounding: rounding, rounding_minutes, rounding_scope over the workspace's setting. format=csv|xlsx|pdf answers the same report as a file (csv: one row per group and a Total row; xlsx: a Summary and an Entries sheet; pdf: totals by group and the entries with dates and times)", tag: "Reports", scope: "read:reports", query: groupedReportQuery, response: z.object({ report: groupedReportShape }), files: Object.values(CONTENT_TYPES), errors: ["400", "403", "404"] }),
  detailedReport: op({ method: "GET", path: "/reports/detailed", summary: "Stint: the entries behind a report (the filters, range and rounding of /reports/grouped), oldest first, each with its seconds in the range, hourly rate, amount and rounded duration; pages of per_page by next_cursor. format=csv answers every entry as CSV (streamed; columns=, bom=1), xlsx a workbook (Summary by project, Entries), pdf a printable report; per_page and cursor do not apply to files", tag: "Reports", scope: "read:reports", query: detailedReportQuery, response: z.object({ report: detailedReportShape }), files: Object.values(CONTENT_TYPES), errors: ["400", "403", "404"] }),
  overview: op({ method: "GET", path: "/reports/overview", summary: "Day/week/month totals per day and project in the user's zone", tag: "Reports", scope: "read:reports", query: overviewQuery, response: z.object({ overview: r.overviewShape }) }),
  // It answers with time entries, so it needs their scope (its totals follow from them).
  period: op({ method: "GET", path: "/reports/period", summary: `Stint: everything its Overview shows for a day/week/month in one answer: the totals of /reports/overview plus the period's sessions (time entries overlapping it, newest first; at most ${PERIOD_SESSIONS_CAP}, sessions_capped says when there were more), as objects or, with shape=rows, as rows and the names they refer to. user_id: another member's (owners, admins and managers; a token needs read:team or admin:all)`, tag: "Reports", scope: "read:time_entries", query: periodQuery, response: z.object({ report: z.union([r.periodReportShape, r.periodRowsReportShape]) }) }),

  // Saved reports: each member's own (another member's id is 404, whatever the role), read:reports to read,
  // write:reports to save, change, delete and share. A share link shows the report read-only at /share/<token>.
  listSavedReports: op({ method: "GET", path: "/saved-reports", summary: "Stint: your saved reports in the workspace you act in (each a name and a report's query string), by name", tag: "Reports", scope: "read:reports", response: z.object({ saved_reports: z.array(savedReportShape) }) }),
  createSavedReport: op({ method: "POST", path: "/saved-reports", summary: "Save a report: a name (unique among yours, any case) and params, the query string of /reports/grouped (checked and stored normalised; format, columns, bom and cursor dropped). At most 100 per member (409)", tag: "Reports", scope: "write:reports", body: createSavedReportSchema, status: 201, response: r.changed("saved_report", savedReportShape), errors: ["400", "409"] }),
  getSavedReport: op({ method: "GET", path: "/saved-reports/{id}", summary: "One of your saved reports", tag: "Reports", scope: "read:reports", params: idParams, response: r.one("saved_report", savedReportShape), errors: ["404"] }),
  patchSavedReport: op({ method: "PATCH", path: "/saved-reports/{id}", summary: "Rename a saved report, or change its params (its share links then show the new report)", tag: "Reports", scope: "write:reports", params: idParams, body: updateSavedReportSchema, response: r.changed("saved_report", savedReportShape), errors: ["400", "404"] }),
  deleteSavedReport: op({ method: "DELETE", path: "/saved-reports/{id}", summary: "Delete a saved report; its share links stop working", tag: "Reports", scope: "write:reports", params: idParams, response: r.messageShape, errors: ["404"] }),
  listShareLinks: op({ method: "GET", path: "/saved-reports/{id}/share-links", summary: "A saved report's share links that are not revoked (expired ones say so), newest first; never their token", tag: "Reports", scope: "read:reports", params: idParams, response: z.object({ share_links: z.array(shareLinkShape) }), errors: ["404"] }),
  createShareLink: op({ method: "POST", path: "/saved-reports/{id}/share-links", summary: "A read-only link to the saved report that works without signing in, optionally until expires_at. The token and url are shown once (only a hash is kept). The page runs the saved params as you, with your access at the time it is opened (leave the workspace and it shows nothing); its own query string is ignored. At most 20 live links per report (409)", tag: "Reports", scope: "write:reports", params: idParams, body: createShareLinkSchema, status: 201, response: createdShareLinkShape, errors: ["400", "404", "409"], secretIn: "share_link" }),
  revokeShareLink: op({ method: "DELETE", path: "/saved-reports/{id}/share-links/{link_id}", summary: "Revoke a share link: it is a 404 from the next request on", tag: "Reports", scope: "write:reports", params: shareLinkParams, response: r.messageShape, errors: ["404"] }),

  // Integrations: a connection is a project source, so reading one needs read:projects and connecting,
  // syncing, importing or disconnecting needs write:projects; an entry's sync state belongs to the entry
  // (read:time_entries, and write:time_entries to retry it). Connect with a provider's name under
  // /integrations/providers/{provider}/connect so that it never clashes with /integrations/{id}.
  listIntegrations: op({ method: "GET", path: "/integrations", summary: "Your connections to outside systems (status, last sync and error, entry counts; never credentials) and the providers you can connect", tag: "Integrations", scope: "read:projects", response: z.object({ integrations: z.array(r.integrationShape), providers: z.array(r.providerShape) }) }),
  getIntegration: op({ method: "GET", path: "/integrations/{id}", summary: "One connection", tag: "Integrations", scope: "read:projects", params: idParams, response: r.one("integration", r.integrationShape) }),
  updateIntegration: op({ method: "PATCH", path: "/integrations/{id}", summary: "Which entries the connection receives: routing {rule: imported_projects | workspace (all of yours) | projects (project_ids) | accepted_suggestions (yours that came from accepted suggestions) | none}; Teamleader: work_types {default_id, projects: {<project id>: <work type id> | null}}", tag: "Integrations", scope: "write:projects", params: idParams, body: updateIntegrationSchema, response: r.changed("integration", r.integrationShape), errors: ["400", "404"] }),
  disconnectIntegration: op({ method: "DELETE", path: "/integrations/{id}", summary: "Disconnect: credentials and sync state go; imported projects, tasks and entries stay as local ones (remote logs stay too)", tag: "Integrations", scope: "write:projects", params: idParams, response: r.messageShape }),
  connectIntegration: op({ method: "POST", path: "/integrations/providers/{provider}/connect", summary: "Connect with a pasted refresh token (OAuth providers, e.g. from a Zoho self client) or an API key (checked by the provider before saving, never returned); the provider's refusal is a 400 with its reason. For managers and up its projects are imported next", tag: "Integrations", scope: "write:projects", params: providerParams, body: connectWithCredentialsSchema, status: 201, response: r.changed("integration", r.integrationShape), errors: ["400", "404"] }),
  syncIntegration: op({ method: "POST", path: "/integrations/{id}/sync", summary: "Sync now: import projects (for managers and up: an import adds to the workspace's projects), then push every waiting or failed entry. 202 with the job to poll", tag: "Integrations", scope: "write:projects", params: idParams, status: 202, response: z.object({ message: z.string(), job: r.jobShape }), errors: ["409"] }),
  importIntegration: op({ method: "POST", path: "/integrations/{id}/import", summary: "Import (refresh) the remote projects and tasks into the workspace now: managers, admins and owners (a member's connection only sends their entries: 403). An activity source (RescueTime) imports your own activity instead, for anyone: the local days {from, to} (YYYY-MM-DD, inclusive; default yesterday and today; at most 366 days), which become suggestions. 202 with the job to poll", tag: "Integrations", scope: "write:projects", params: idParams, body: importActivitySchema, status: 202, response: z.object({ message: z.string(), job: r.jobShape }), errors: ["403"] }),
  getIntegrationJob: op({ method: "GET", path: "/integrations/{id}/jobs/{job}", summary: "A sync or import job's progress (queued, running, succeeded, failed; done of total; message)", tag: "Integrations", scope: "read:projects", params: jobParams, response: r.one("job", r.jobShape) }),
  integrationEvents: op({ method: "GET", path: "/integrations/{id}/events", summary: "The connection's sync log, newest first", tag: "Integrations", scope: "read:projects", params: idParams, query: integrationEventsQuery, response: z.object({ events: z.array(r.integrationEventShape) }) }),
  entrySyncStates: op({ method: "GET", path: "/integrations/entries", summary: "The sync state of some of your time entries (only entries of imported projects have one)", tag: "Integrations", scope: "read:time_entries", query: entrySyncStatesQuery, response: z.object({ entries: z.array(r.entrySyncStateShape) }) }),
  retryEntrySync: op({ method: "POST", path: "/integrations/entries/{id}/retry", summary: "Push a time entry again now (attempts reset); 404 when it has no sync state", tag: "Integrations", scope: "write:time_entries", params: idParams, response: r.messageShape }),

  // Suggestions: entries proposed from an activity source (RescueTime), yours only; accepting makes a time
  // entry, so they take the entries' scopes.
  listSuggestions: op({ method: "GET", path: "/suggestions", summary: "Your suggested entries by start time: pending (default), accepted or ignored, between the local days from and to", tag: "Suggestions", scope: "read:time_entries", query: listSuggestionsQuery, response: r.list("suggestions", r.suggestionShape) }),
  acceptSuggestion: op({ method: "POST", path: "/suggestions/{id}/accept", summary: "Accept a suggestion as a time entry, with any of project_id, task_id, notes, start_time, end_time, tags, billable changed; always=true (with a project) also makes a mapping rule for its activity or category. Accepting again returns the same entry", tag: "Suggestions", scope: "write:time_entries", params: idParams, body: acceptSuggestionSchema, status: 201, response: r.changed("time_entry", r.entryShape), errors: ["400", "404"] }),
  ignoreSuggestion: op({ method: "POST", path: "/suggestions/{id}/ignore", summary: "Ignore a suggestion: out of the inbox, and no re-import brings it back (409 once accepted)", tag: "Suggestions", scope: "write:time_entries", params: idParams, response: r.changed("suggestion", r.suggestionShape), errors: ["404", "409"] }),
  restoreSuggestion: op({ method: "POST", path: "/suggestions/{id}/restore", summary: "Put an ignored suggestion back in the inbox (409 once accepted)", tag: "Suggestions", scope: "write:time_entries", params: idParams, response: r.changed("suggestion", r.suggestionShape), errors: ["404", "409"] }),
  acceptSuggestions: op({ method: "POST", path: "/suggestions/accept", summary: "Accept several suggestions as they are (e.g. a day's), all or none: {ids} (at most 100)", tag: "Suggestions", scope: "write:time_entries", body: bulkAcceptSchema, status: 201, response: z.object({ message: z.string(), time_entries: z.array(r.entryShape) }), errors: ["400", "404"] }),
  getSuggestionRules: op({ method: "GET", path: "/suggestions/rules", summary: "Your rules for turning activity into suggestions (defaults until you change them) and your mapping rules", tag: "Suggestions", scope: "read:time_entries", response: r.one("rules", r.suggestionRulesShape) }),
  putSuggestionRules: op({ method: "PUT", path: "/suggestions/rules", summary: "Change the thresholds you send (group_by, gap_minutes, min_block_minutes, min_productivity -2..2, round_minutes (0: none), denied_categories) and, when sent, replace the mapping rules ({field: activity|category|document, pattern, project_id, task_id, tags, billable}, first match wins). Your pending suggestions of the last month follow at once", tag: "Suggestions", scope: "write:time_entries", body: suggestionRulesSchema, response: r.changed("rules", r.suggestionRulesShape), errors: ["400", "404"] }),

  // Workspaces: a token reaches only its own workspace (others are 404) and lists only it; a browser session
  // reaches every workspace the user belongs to, with the role held there. Reading a workspace needs any
  // valid token; its members read:users (names and emails); changing anything (settings, members,
  // invitations, a new workspace) admin:all, and then the role decides (lib/workspaces/policy.ts).
  listWorkspaces: op({ method: "GET", path: "/workspaces", summary: "Your workspaces, each with your role (a token: only its own workspace)", tag: "Workspaces", scope: null, response: z.object({ workspaces: z.array(r.workspaceShape) }) }),
  createWorkspace: op({ method: "POST", path: "/workspaces", summary: "Create a workspace; you become its owner", tag: "Workspaces", scope: "admin:all", body: createWorkspaceSchema, status: 201, response: r.changed("workspace", r.workspaceShape) }),
  getWorkspace: op({ method: "GET", path: "/workspaces/{id}", summary: "One workspace, with your role", tag: "Workspaces", scope: null, params: idParams, response: r.one("workspace", r.workspaceShape), errors: ["404"] }),
  patchWorkspace: op({ method: "PATCH", path: "/workspaces/{id}", summary: "Change a workspace's name, currency, default hourly rate or report rounding (owners and admins)", tag: "Workspaces", scope: "admin:all", params: idParams, body: updateWorkspaceSchema, response: r.changed("workspace", r.workspaceShape), errors: ["403", "404"] }),
  deleteWorkspace: op({ method: "DELETE", path: "/workspaces/{id}", summary: "Delete a workspace and everything in it (owners only). Your only workspace cannot be deleted (409); a member for whom it was the only one gets a new personal workspace", tag: "Workspaces", scope: "admin:all", params: idParams, response: r.messageShape, errors: ["403", "404", "409"] }),
  listMembers: op({ method: "GET", path: "/workspaces/{id}/members", summary: "The workspace's members with their roles and rates, owners first", tag: "Workspaces", scope: "read:users", params: idParams, query: listMembersQuery, response: r.list("members", r.memberShape), errors: ["404"] }),
  patchMember: op({ method: "PATCH", path: "/workspaces/{id}/members/{user_id}", summary: "Change a member's role or hourly rate. Admins manage members below owner; only owners make or change owners; the last owner cannot step down (409)", tag: "Workspaces", scope: "admin:all", params: memberParams, body: updateMemberSchema, response: r.changed("member", r.memberShape), errors: ["403", "404", "409"] }),
  deleteMember: op({ method: "DELETE", path: "/workspaces/{id}/members/{user_id}", summary: "Remove a member; with your own user_id, leave. Their time entries stay, attributed to them. The last owner cannot go (409), nor can you leave your only workspace", tag: "Workspaces", scope: "admin:all", params: memberParams, response: r.messageShape, errors: ["403", "404", "409"] }),
  createInvitation: op({ method: "POST", path: "/workspaces/{id}/invitations", summary: "Invite an email address in a role (owners and admins; only owners invite owners). The answer's url is shown once; it works once, for 7 days, for an account with that address. Inviting the address again withdraws the earlier link", tag: "Workspaces", scope: "admin:all", params: idParams, body: createInvitationSchema, status: 201, response: r.changed("invitation", r.createdInvitationShape), errors: ["403", "404", "409"], secretIn: "invitation" }),
  listInvitations: op({ method: "GET", path: "/workspaces/{id}/invitations", summary: "Pending invitations (not accepted, withdrawn or expired), newest first", tag: "Workspaces", scope: "admin:all", params: idParams, response: z.object({ invitations: z.array(r.invitationShape) }), errors: ["403", "404"] }),
  revokeInvitation: op({ method: "DELETE", path: "/workspaces/{id}/invitations/{inv}", summary: "Withdraw a pending invitation: its link stops working at once", tag: "Workspaces", scope: "admin:all", params: invitationParams, response: r.messageShape, errors: ["403", "404"] }),
  acceptInvitation: op({ method: "POST", path: "/invitations/accept", summary: "Join a workspace with an invitation's token (the last part of its link), signed in with the invited address (browser session only, not tokens). 403 names the address it is for; 409 when already a member; 410 when used, withdrawn or expired", tag: "Workspaces", scope: "admin:all", body: acceptInvitationSchema, response: r.changed("workspace", r.workspaceShape), errors: ["403", "404", "409", "410"] }),

  // Webhooks: owners and admins of the workspace (lib/workspaces/policy.ts), with read:webhooks / write:webhooks.
  listWebhooks: op({ method: "GET", path: "/webhooks", summary: "The workspace's webhooks (owners and admins), oldest first; never their secret", tag: "Webhooks", scope: "read:webhooks", response: z.object({ webhooks: z.array(r.webhookShape) }), errors: ["403"] }),
  createWebhook: op({ method: "POST", path: "/webhooks", summary: "Add a webhook: events are POSTed to url, signed with the secret of this answer (shown once). At most 20 per workspace (409). A host spelled as a loopback, private or link-local address is refused (400 on url)", tag: "Webhooks", scope: "write:webhooks", body: createWebhookSchema, status: 201, response: r.webhookWithSecretShape, errors: ["403", "409"], secretIn: "webhook" }),
  getWebhook: op({ method: "GET", path: "/webhooks/{id}", summary: "One webhook", tag: "Webhooks", scope: "read:webhooks", params: idParams, response: r.one("webhook", r.webhookShape), errors: ["403"] }),
  patchWebhook: op({ method: "PATCH", path: "/webhooks/{id}", summary: "Change a webhook's url, events or description; active: false pauses it, active: true re-activates it (also after it was deactivated for failing)", tag: "Webhooks", scope: "write:webhooks", params: idParams, body: updateWebhookSchema, response: r.changed("webhook", r.webhookShape), errors: ["403"] }),
  deleteWebhook: op({ method: "DELETE", path: "/webhooks/{id}", summary: "Delete a webhook and its deliveries", tag: "Webhooks", scope: "write:webhooks", params: idParams, response: r.messageShape, errors: ["403"] }),
  rotateWebhookSecret: op({ method: "POST", path: "/webhooks/{id}/rotate-secret", summary: "A new signing secret, shown once; the old one signs nothing from now on", tag: "Webhooks", scope: "write:webhooks", params: idParams, response: r.webhookWithSecretShape, errors: ["403"], secretIn: "webhook" }),
  testWebhook: op({ method: "POST", path: "/webhooks/{id}/test", summary: "Send a ping event to this webhook only, now. 202 with its delivery; 409 when the webhook is not active", tag: "Webhooks", scope: "write:webhooks", params: idParams, status: 202, response: r.one("delivery", r.deliveryShape), errors: ["403", "409"] }),
  listWebhookDeliveries: op({ method: "GET", path: "/webhooks/{id}/deliveries", summary: "A webhook's deliveries, newest first, with the last attempt's status, timing and excerpts; status filters", tag: "Webhooks", scope: "read:webhooks", params: idParams, query: listDeliveriesQuery, response: r.list("deliveries", r.deliveryShape), errors: ["403"] }),
  redeliverWebhookDelivery: op({ method: "POST", path: "/webhooks/{id}/deliveries/{delivery_id}/redeliver", summary: "Send a delivery again now: the same event id and body, pending (its attempts stay counted). 202; 409 when the webhook is not active", tag: "Webhooks", scope: "write:webhooks", params: deliveryParams, status: 202, response: r.one("delivery", r.deliveryShape), errors: ["403", "409"] }),

  me: op({ method: "GET", path: "/users/me", summary: "The authenticated user, the workspace this token or session acts in, and the user's role there", tag: "Users", scope: "read:users", response: z.object({ user: r.userShape, workspace: r.actingWorkspaceShape, role: r.workspaceRoleShape }) }),
  listSessions: op({ method: "GET", path: "/users/me/sessions", summary: "Your signed-in browsers (browser session only, not tokens)", tag: "Users", scope: "admin:all", response: z.object({ sessions: z.array(r.sessionShape) }), errors: ["403"] }),
  revokeOtherSessions: op({ method: "DELETE", path: "/users/me/sessions", summary: "Sign out every other browser (browser session only, not tokens)", tag: "Users", scope: "admin:all", response: z.object({ message: z.string(), revoked: z.number() }), errors: ["403"] }),
  revokeSession: op({ method: "DELETE", path: "/users/me/sessions/{id}", summary: "Sign out one browser: its cookie stops working at once (browser session only, not tokens)", tag: "Users", scope: "admin:all", params: idParams, response: r.messageShape, errors: ["403", "404"] }),
  updateMe: op({ method: "PATCH", path: "/users/me", summary: "Change your name, time zone, week start, runaway threshold, maximum session length (max_entry_minutes) or currency", tag: "Users", scope: "admin:all", body: updateSettingsSchema, response: r.changed("user", r.userShape) }),
};

export type OperationId = keyof typeof ops;
