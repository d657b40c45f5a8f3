import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  foreignKey,
  index,
  integer,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  doublePrecision,
  jsonb,
  timestamp,
  unique,
  uniqueIndex,
  bigint,
  customType,
  pgSequence,
} from "drizzle-orm/pg-core";

// Ids are integers because the TimeTracker REST API that /api/v1 is compatible with uses integer ids.
const id = () => integer("id").primaryKey().generatedAlwaysAsIdentity();
const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });
const createdAt = () => tstz("created_at").notNull().defaultNow();
const updatedAt = () => tstz("updated_at").notNull().defaultNow();

// The change feed (lib/changes): every insert and update of an entry, project, client, task or tag takes the
// next value of change_seq and records the writing transaction's id (trigger stint_stamp_change, migration
// 0011); deletions leave a row in change_tombstones. Readers order by (change_xid, change_seq) and serve
// only transactions older than every one still running, so a change committed late is never skipped.
export const changeSeq = pgSequence("change_seq");
const xid8 = customType<{ data: string; driverData: string }>({ dataType: () => "xid8" });
const changeColumns = () => ({
  changeSeq: bigint("change_seq", { mode: "number" }).notNull().default(sql`nextval('change_seq')`),
  changeXid: xid8("change_xid").notNull().default(sql`pg_current_xact_id()`),
  changedAt: tstz("changed_at").notNull().defaultNow(),
});

export const projectStatus = pgEnum("project_status", ["active", "archived", "on_hold"]);
export const taskStatus = pgEnum("task_status", ["todo", "in_progress", "review", "done", "cancelled"]);
export const taskPriority = pgEnum("task_priority", ["low", "medium", "high", "urgent"]);
export const entrySource = pgEnum("entry_source", ["timer", "manual", "api", "import"]);
export const connectionStatus = pgEnum("connection_status", ["active", "error"]);
export const syncState = pgEnum("sync_state", ["pending", "synced", "incomplete", "failed"]);
/** Which entries a connection receives (lib/integrations/types.ts RoutingRule): read by the outbox trigger. */
export const routingRule = pgEnum("routing_rule", ["imported_projects", "workspace", "projects", "accepted_suggestions", "none"]);
export const jobStatus = pgEnum("job_status", ["queued", "running", "succeeded", "failed"]);
/** Ordered from most to least powerful; lib/workspaces/policy.ts says what each may do. */
export const workspaceRole = pgEnum("workspace_role", ["owner", "admin", "manager", "member"]);

export const users = pgTable(
  "users",
  {
    id: id(),
    // Stored lower-cased (lib/users/schema.ts normalises it); the unique index makes a taken email a
    // constraint error even when two registrations race.
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    isAdmin: boolean("is_admin").notNull().default(false),
    // IANA zone name; decides what "today" and "this week" are for this user.
    timezone: text("timezone").notNull().default("UTC"),
    // 0 = Sunday ... 6 = Saturday, as in Date#getDay().
    weekStart: smallint("week_start").notNull().default(1),
    // A timer running longer than this asks "Still working?".
    runawayThresholdMinutes: integer("runaway_threshold_minutes").notNull().default(600),
    // The longest entry this user may save (timer stop, manual add, edit, API, imports): 24 h by default,
    // at most 7 days. It also bounds range queries: an entry overlapping a range starts at most this long before it.
    maxEntryMinutes: integer("max_entry_minutes").notNull().default(1440),
    // ISO 4217 code in which billable amounts (hourly rate × billable hours) are shown.
    currency: text("currency").notNull().default("EUR"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("users_email_key").on(t.email),
    check("users_week_start_range", sql`${t.weekStart} between 0 and 6`),
    check("users_runaway_threshold_positive", sql`${t.runawayThresholdMinutes} > 0`),
    // 10080 = 7 days: range queries rely on it (earliestOverlappingStart, time_entries_longer_than_7_days_idx).
    check("users_max_entry_range", sql`${t.maxEntryMinutes} between 1 and 10080`),
    check("users_currency_code", sql`${t.currency} ~ '^[A-Z]{3}$'`),
  ],
);

/**
 * A team's (or one freelancer's) shared space: projects, clients, tasks, tags and time entries belong to
 * one. Registering creates a personal workspace; migration 0008 gave every existing user one.
 */
export const workspaces = pgTable(
  "workspaces",
  {
    id: id(),
    name: text("name").notNull(),
    // ISO 4217 code in which the workspace's billable amounts are shown.
    currency: text("currency").notNull().default("EUR"),
    // The rate of billable time when neither the member nor the project has one.
    defaultHourlyRate: numeric("default_hourly_rate", { precision: 12, scale: 2 }),
    // How reports round durations unless a report says otherwise (lib/reports/builder/rounding.ts):
    // none, or up/down/nearest to rounding_minutes, per entry or per group.
    roundingMode: text("rounding_mode").$type<"none" | "up" | "down" | "nearest">().notNull().default("none"),
    roundingMinutes: smallint("rounding_minutes").notNull().default(15),
    roundingScope: text("rounding_scope").$type<"entry" | "group">().notNull().default("entry"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("workspaces_currency_code", sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check("workspaces_name_not_blank", sql`length(trim(${t.name})) > 0`),
    check("workspaces_rounding_mode", sql`${t.roundingMode} in ('none', 'up', 'down', 'nearest')`),
    check("workspaces_rounding_minutes", sql`${t.roundingMinutes} in (1, 5, 6, 10, 15, 30, 60)`),
    check("workspaces_rounding_scope", sql`${t.roundingScope} in ('entry', 'group')`),
  ],
);

/** Who belongs to a workspace, in which role. The service keeps at least one owner per workspace. */
export const workspaceMembers = pgTable(
  "workspace_members",
  {
    workspaceId: integer("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: workspaceRole("role").notNull().default("member"),
    // This member's billable rate in this workspace (overrides the workspace default; a project's rate wins).
    hourlyRate: numeric("hourly_rate", { precision: 12, scale: 2 }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ name: "workspace_members_pkey", columns: [t.workspaceId, t.userId] }), index("workspace_members_user_idx").on(t.userId)],
);

/**
 * Invitations to join a workspace: a single-use link that lasts 7 days. Only the SHA-256 of its secret is
 * kept; accepting sets accepted_at in the same transaction that adds the membership.
 */
export const workspaceInvitations = pgTable(
  "workspace_invitations",
  {
    id: id(),
    workspaceId: integer("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    // Stored lower-cased, like users.email.
    email: text("email").notNull(),
    role: workspaceRole("role").notNull().default("member"),
    tokenHash: text("token_hash").notNull(),
    invitedBy: integer("invited_by").references(() => users.id, { onDelete: "set null" }),
    expiresAt: tstz("expires_at").notNull(),
    acceptedAt: tstz("accepted_at"),
    acceptedBy: integer("accepted_by").references(() => users.id, { onDelete: "set null" }),
    revokedAt: tstz("revoked_at"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("workspace_invitations_token_hash_key").on(t.tokenHash), index("workspace_invitations_workspace_idx").on(t.workspaceId, t.createdAt)],
);

export type Workspace = typeof workspaces.$inferSelect;
export type WorkspaceMember = typeof workspaceMembers.$inferSelect;
export type WorkspaceRole = (typeof workspaceRole.enumValues)[number];
export type WorkspaceInvitation = typeof workspaceInvitations.$inferSelect;

// Every workspace-owned table carries workspace_id and a unique (workspace_id, id) key, so that references
// between them are composite foreign keys: the database itself refuses a project whose client, or an entry
// whose project, task or tag, belongs to another workspace, whatever a query forgets.

export const clients = pgTable(
  "clients",
  {
    id: id(),
    workspaceId: integer("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    email: text("email"),
    company: text("company"),
    phone: text("phone"),
    // The rate of billable time on this client's projects when neither the member on the project nor the
    // project has one (precedence: lib/reports/builder/rates.ts).
    hourlyRate: numeric("hourly_rate", { precision: 12, scale: 2 }),
    archived: boolean("archived").notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    ...changeColumns(),
  },
  (t) => [
    index("clients_changes_idx").on(t.workspaceId, t.changeXid, t.changeSeq),
    unique("clients_workspace_id_id_key").on(t.workspaceId, t.id),
    uniqueIndex("clients_workspace_name_key").on(t.workspaceId, sql`lower(${t.name})`),
  ],
);

/**
 * A user's link to an outside system (lib/integrations). `credentials` is sealed JSON (AES-256-GCM,
 * lib/crypto/secret-box.ts, bound to "connection:<id>"); `credentials_version` goes up with every refresh so
 * that a worker holding old tokens notices. `rate_tokens`/`rate_at` are a token bucket shared by every
 * instance; `blocked_until` pauses the connection after the provider throttled it.
 */
export const integrationConnections = pgTable(
  "integration_connections",
  {
    id: id(),
    workspaceId: integer("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    // The member whose credentials these are: a connection is personal, in one workspace.
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    provider: text("provider").notNull(),
    label: text("label").notNull(),
    settings: jsonb("settings").$type<Record<string, unknown>>().notNull().default({}),
    credentials: text("credentials").notNull(),
    credentialsVersion: integer("credentials_version").notNull().default(1),
    status: connectionStatus("status").notNull().default("active"),
    lastError: text("last_error"),
    lastErrorAt: tstz("last_error_at"),
    lastSyncAt: tstz("last_sync_at"),
    projectsImportedAt: tstz("projects_imported_at"),
    blockedUntil: tstz("blocked_until"),
    rateTokens: doublePrecision("rate_tokens"),
    rateAt: tstz("rate_at"),
    // Entries of the projects it imported, every entry of the workspace, those of `routing_project_ids`, the
    // member's entries that came from accepted suggestions (lib/suggestions), or none.
    routing: routingRule("routing").notNull().default("none"),
    routingProjectIds: integer("routing_project_ids").array().notNull().default(sql`'{}'::integer[]`),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [unique("integration_connections_workspace_id_id_key").on(t.workspaceId, t.id), index("integration_connections_workspace_user_idx").on(t.workspaceId, t.userId)],
);

export const projects = pgTable(
  "projects",
  {
    id: id(),
    workspaceId: integer("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    clientId: integer("client_id"),
    name: text("name").notNull(),
    description: text("description"),
    color: text("color").notNull().default("#6366f1"),
    status: projectStatus("status").notNull().default("active"),
    billable: boolean("billable").notNull().default(true),
    hourlyRate: numeric("hourly_rate", { precision: 12, scale: 2 }),
    estimatedHours: numeric("estimated_hours", { precision: 10, scale: 2 }),
    // What the client agreed to pay for it, in the workspace's currency (reports show amounts against it).
    budgetAmount: numeric("budget_amount", { precision: 14, scale: 2 }),
    // Set for a project imported from an integration: whose connection, and its id there.
    connectionId: integer("connection_id"),
    remoteId: text("remote_id"),
    // Private: seen and booked on only by its members (project_members), owners and admins.
    private: boolean("private").notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    ...changeColumns(),
  },
  (t) => [
    index("projects_changes_idx").on(t.workspaceId, t.changeXid, t.changeSeq),
    unique("projects_workspace_id_id_key").on(t.workspaceId, t.id),
    foreignKey({
      name: "projects_connection_fk",
      columns: [t.workspaceId, t.connectionId],
      foreignColumns: [integrationConnections.workspaceId, integrationConnections.id],
    }),
    uniqueIndex("projects_connection_remote_key").on(t.connectionId, t.remoteId).where(sql`${t.connectionId} is not null`),
    check("projects_remote_needs_connection", sql`(${t.connectionId} is null) = (${t.remoteId} is null)`),
    // Ranked search by name (lib/projects/search.ts): pg_trgm similarity, served by this index.
    index("projects_name_trgm_idx").using("gin", sql`lower(${t.name}) gin_trgm_ops`),
    foreignKey({
      name: "projects_client_fk",
      columns: [t.workspaceId, t.clientId],
      foreignColumns: [clients.workspaceId, clients.id],
    }),
    // Two projects of one client (or two without a client) may not share a name, whatever its case.
    uniqueIndex("projects_workspace_client_name_key").on(t.workspaceId, sql`coalesce(${t.clientId}, 0)`, sql`lower(${t.name})`),
    index("projects_workspace_status_idx").on(t.workspaceId, t.status),
    index("projects_client_idx").on(t.clientId),
  ],
);

/** Who may see and book on a private project (besides the workspace's owners and admins). */
export const projectMembers = pgTable(
  "project_members",
  {
    workspaceId: integer("workspace_id").notNull(),
    projectId: integer("project_id").notNull(),
    userId: integer("user_id").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ name: "project_members_pkey", columns: [t.projectId, t.userId] }),
    foreignKey({ name: "project_members_project_fk", columns: [t.workspaceId, t.projectId], foreignColumns: [projects.workspaceId, projects.id] }).onDelete("cascade"),
    // Leaving the workspace ends the assignment.
    foreignKey({ name: "project_members_member_fk", columns: [t.workspaceId, t.userId], foreignColumns: [workspaceMembers.workspaceId, workspaceMembers.userId] }).onDelete("cascade"),
    index("project_members_member_idx").on(t.workspaceId, t.userId),
  ],
);

/**
 * A member's rate on one project: the first of the rate precedence (member-on-project > project > client >
 * member > workspace default; lib/reports/builder/rates.ts). Apart from project_members, which says who may
 * see a private project: a rate is no assignment.
 */
export const projectMemberRates = pgTable(
  "project_member_rates",
  {
    workspaceId: integer("workspace_id").notNull(),
    projectId: integer("project_id").notNull(),
    userId: integer("user_id").notNull(),
    hourlyRate: numeric("hourly_rate", { precision: 12, scale: 2 }).notNull(),
  },
  (t) => [
    primaryKey({ name: "project_member_rates_pkey", columns: [t.projectId, t.userId] }),
    foreignKey({ name: "project_member_rates_project_fk", columns: [t.workspaceId, t.projectId], foreignColumns: [projects.workspaceId, projects.id] }).onDelete("cascade"),
    foreignKey({ name: "project_member_rates_member_fk", columns: [t.workspaceId, t.userId], foreignColumns: [workspaceMembers.workspaceId, workspaceMembers.userId] }).onDelete("cascade"),
    check("project_member_rates_not_negative", sql`${t.hourlyRate} >= 0`),
  ],
);

export const tasks = pgTable(
  "tasks",
  {
    id: id(),
    workspaceId: integer("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    projectId: integer("project_id").notNull(),
    name: text("name").notNull(),
    description: text("description"),
    status: taskStatus("status").notNull().default("todo"),
    priority: taskPriority("priority").notNull().default("medium"),
    estimatedHours: numeric("estimated_hours", { precision: 10, scale: 2 }),
    dueDate: text("due_date"),
    connectionId: integer("connection_id"),
    remoteId: text("remote_id"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    ...changeColumns(),
  },
  (t) => [
    index("tasks_changes_idx").on(t.workspaceId, t.changeXid, t.changeSeq),
    unique("tasks_workspace_id_id_key").on(t.workspaceId, t.id),
    foreignKey({
      name: "tasks_connection_fk",
      columns: [t.workspaceId, t.connectionId],
      foreignColumns: [integrationConnections.workspaceId, integrationConnections.id],
    }),
    uniqueIndex("tasks_connection_remote_key").on(t.connectionId, t.projectId, t.remoteId).where(sql`${t.connectionId} is not null`),
    check("tasks_remote_needs_connection", sql`(${t.connectionId} is null) = (${t.remoteId} is null)`),
    unique("tasks_project_id_id_key").on(t.projectId, t.id),
    foreignKey({
      name: "tasks_project_fk",
      columns: [t.workspaceId, t.projectId],
      foreignColumns: [projects.workspaceId, projects.id],
    }).onDelete("cascade"),
    index("tasks_project_status_idx").on(t.projectId, t.status),
  ],
);

export const tags = pgTable(
  "tags",
  {
    id: id(),
    workspaceId: integer("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    createdAt: createdAt(),
    ...changeColumns(),
  },
  (t) => [
    index("tags_changes_idx").on(t.workspaceId, t.changeXid, t.changeSeq),
    unique("tags_workspace_id_id_key").on(t.workspaceId, t.id),
    uniqueIndex("tags_workspace_name_key").on(t.workspaceId, sql`lower(${t.name})`),
  ],
);

export const timeEntries = pgTable(
  "time_entries",
  {
    id: id(),
    workspaceId: integer("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    // The member who tracked it. No foreign key to workspace_members: a removed member's entries stay,
    // attributed to them.
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    projectId: integer("project_id"),
    taskId: integer("task_id"),
    description: text("description").notNull().default(""),
    startAt: tstz("start_at").notNull(),
    // Null while the timer runs. Duration is always end - start: the columns below are derived from the two
    // by PostgreSQL itself (generated), never written by the app.
    endAt: tstz("end_at"),
    billable: boolean("billable").notNull().default(false),
    source: entrySource("source").notNull().default("timer"),
    // A copy of the entry's tag ids from time_entry_tags, sorted, kept by a trigger on that table (migration
    // 0021): the reports group and filter by tags from the entry's own row instead of aggregating the
    // tag rows of a whole year per report. Never written by the app.
    tagIds: integer("tag_ids").array().notNull().default(sql`'{}'::integer[]`),
    // The entry's instants as whole numbers (migration 0022), for the reports' arithmetic over a year of entries
    // (lib/reports/builder/pieces-sql.ts): in PGlite, a 32-bit build, every float8 or interval an expression
    // computes is allocated, and per entry those took a third of a year's report. The UTC day number (days since
    // 1970-01-01) of the start; the start's second in that day (rounded down); the end's seconds from that day's
    // midnight (rounded up; null while running); the whole seconds from start to end (rounded half up, as every
    // duration in Stint; null while running). The two of the end are null for an entry of 20,000 days or more
    // too (none can be saved, but an integer must not overflow): the reports compute those as a running one's.
    startUtcDay: integer("start_utc_day").generatedAlwaysAs(sql`floor(extract(epoch from start_at - '1970-01-01 00:00:00+00'::timestamptz) / 86400)::integer`),
    startUtcSecond: integer("start_utc_second").generatedAlwaysAs(
      sql`floor(extract(epoch from start_at - '1970-01-01 00:00:00+00'::timestamptz) - floor(extract(epoch from start_at - '1970-01-01 00:00:00+00'::timestamptz) / 86400) * 86400)::integer`,
    ),
    endUtcSecond: integer("end_utc_second").generatedAlwaysAs(
      sql`case when end_at - start_at < interval '20000 days' then ceil(extract(epoch from end_at - '1970-01-01 00:00:00+00'::timestamptz) - floor(extract(epoch from start_at - '1970-01-01 00:00:00+00'::timestamptz) / 86400) * 86400)::integer end`,
    ),
    durationSeconds: integer("duration_seconds").generatedAlwaysAs(sql`case when end_at - start_at < interval '20000 days' then round(extract(epoch from end_at - start_at))::integer end`),
    // The entry's one tag (its id; 0 without tags, -1 with several): what a report by tag groups a year of
    // entries by, an int, instead of hashing and comparing each entry's tag_ids (a quarter of a tag report's
    // aggregation); tag_ids only for those with several.
    soleTagId: integer("sole_tag_id").generatedAlwaysAs(sql`case cardinality(tag_ids) when 0 then 0 when 1 then tag_ids[1] else -1 end`),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    ...changeColumns(),
  },
  (t) => [
    index("time_entries_changes_idx").on(t.workspaceId, t.userId, t.changeXid, t.changeSeq),
    unique("time_entries_workspace_id_id_key").on(t.workspaceId, t.id),
    foreignKey({
      name: "time_entries_project_fk",
      columns: [t.workspaceId, t.projectId],
      foreignColumns: [projects.workspaceId, projects.id],
    }),
    // A task must belong to the entry's project; moving a task drags its entries along.
    foreignKey({
      name: "time_entries_task_fk",
      columns: [t.projectId, t.taskId],
      foreignColumns: [tasks.projectId, tasks.id],
    }).onUpdate("cascade"),
    check("time_entries_task_needs_project", sql`${t.taskId} is null or ${t.projectId} is not null`),
    check("time_entries_end_after_start", sql`${t.endAt} is null or ${t.endAt} >= ${t.startAt}`),
    // The one-running-timer rule, per user across their workspaces, enforced by the database even when
    // two tabs start at once.
    uniqueIndex("time_entries_one_running_per_user").on(t.userId).where(sql`${t.endAt} is null`),
    // A member's entries in a workspace by start, ties broken by id: read backwards it is exactly the list's
    // order (start_at desc, id desc), so a page comes straight off the index. (A "desc" index would be DESC
    // NULLS LAST, which does not match ORDER BY ... desc.) The trailing columns make it covering: the list's
    // count, the summary and the overview read end_at, project_id, billable and the whole seconds they place
    // a session by (lib/reports/day-parts.ts) from the index alone.
    index("time_entries_workspace_user_start_idx").on(
      t.workspaceId,
      t.userId,
      t.startAt,
      t.id,
      t.endAt,
      t.projectId,
      t.billable,
      t.startUtcDay,
      t.startUtcSecond,
      t.endUtcSecond,
      t.durationSeconds,
    ),
    // Team-wide reads (every member's entries of a period).
    index("time_entries_workspace_start_idx").on(t.workspaceId, t.startAt),
    index("time_entries_workspace_project_start_idx").on(t.workspaceId, t.projectId, t.startAt),
    // Entries longer than the longest session anyone may save (7 days): only ones saved before that rule,
    // normally none. Range queries look them up here, so that they can bound everything else by
    // `start >= from - 7 days` (lib/entries/queries.ts, earliestOverlappingStart).
    index("time_entries_longer_than_7_days_idx").on(t.userId, t.startAt).where(sql`${t.endAt} - ${t.startAt} > interval '7 days'`),
    // The same for a workspace's reports (lib/reports/builder/entries-sql.ts): without it, finding that there is
    // none read the workspace's whole start index (25 ms of a year's 200,000 entries).
    index("time_entries_workspace_longer_than_7_days_idx").on(t.workspaceId, t.startAt).where(sql`${t.endAt} - ${t.startAt} > interval '7 days'`),
    index("time_entries_task_idx").on(t.taskId),
  ],
);

export const timeEntryTags = pgTable(
  "time_entry_tags",
  {
    workspaceId: integer("workspace_id").notNull(),
    entryId: integer("entry_id").notNull(),
    tagId: integer("tag_id").notNull(),
  },
  (t) => [
    primaryKey({ name: "time_entry_tags_pkey", columns: [t.entryId, t.tagId] }),
    foreignKey({
      name: "time_entry_tags_entry_fk",
      columns: [t.workspaceId, t.entryId],
      foreignColumns: [timeEntries.workspaceId, timeEntries.id],
    }).onDelete("cascade"),
    foreignKey({
      name: "time_entry_tags_tag_fk",
      columns: [t.workspaceId, t.tagId],
      foreignColumns: [tags.workspaceId, tags.id],
    }).onDelete("cascade"),
    index("time_entry_tags_tag_idx").on(t.tagId),
  ],
);

// A deleted entry is kept here for a while, so that Undo restores it on the server (same id, same tags)
// and every tab and API client sees it gone meanwhile. Old rows are purged.
export const deletedTimeEntries = pgTable(
  "deleted_time_entries",
  {
    id: integer("id").primaryKey(),
    workspaceId: integer("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    // The entry's row and its tag ids, as they were when it was deleted.
    entry: jsonb("entry").notNull(),
    deletedAt: tstz("deleted_at").notNull().defaultNow(),
  },
  (t) => [index("deleted_time_entries_workspace_idx").on(t.workspaceId, t.deletedAt)],
);

/**
 * What the change feed answers for a deleted entry, project, client, task or tag (written by the delete
 * triggers of migration 0011). `user_id`: the entry's member; `visible_to`: for a private project (and its
 * tasks) the members who saw it, else null (the whole workspace).
 */
export const changeTombstones = pgTable(
  "change_tombstones",
  {
    kind: text("kind").notNull(),
    id: integer("id").notNull(),
    // No foreign key: deleting a workspace deletes its rows, whose delete triggers write here meanwhile.
    workspaceId: integer("workspace_id").notNull(),
    userId: integer("user_id"),
    visibleTo: integer("visible_to").array(),
    deletedAt: tstz("deleted_at").notNull().defaultNow(),
    ...changeColumns(),
  },
  (t) => [primaryKey({ name: "change_tombstones_pkey", columns: [t.kind, t.id] }), index("change_tombstones_changes_idx").on(t.workspaceId, t.kind, t.changeXid, t.changeSeq)],
);

/**
 * How far back a workspace's feed still knows deletions: tombstones older than the retention are purged
 * (lib/changes/retention.ts), and this row keeps the newest position and time purged, so a feed asking for
 * deletions from before is told (410) instead of silently missing them.
 */
export const changeFeedPurges = pgTable("change_feed_purges", {
  workspaceId: integer("workspace_id")
    .primaryKey()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  purgedBefore: tstz("purged_before").notNull(),
  changeXid: xid8("change_xid").notNull(),
  changeSeq: bigint("change_seq", { mode: "number" }).notNull(),
});

/**
 * How many finished entries each member has in a workspace, kept by a statement trigger on time_entries
 * (migration 0011): the unfiltered list's total without counting five years of rows on every page.
 */
export const timeEntryCounts = pgTable(
  "time_entry_counts",
  {
    workspaceId: integer("workspace_id").notNull(),
    userId: integer("user_id").notNull(),
    finished: integer("finished").notNull().default(0),
  },
  (t) => [primaryKey({ name: "time_entry_counts_pkey", columns: [t.workspaceId, t.userId] })],
);

export const apiTokens = pgTable(
  "api_tokens",
  {
    id: id(),
    // A token acts as one member of one workspace (with that member's role there now).
    workspaceId: integer("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    description: text("description"),
    // The first characters of the token, shown in lists so a person can tell tokens apart.
    prefix: text("prefix").notNull(),
    // SHA-256 of the whole token: tokens are 190 bits of randomness, so a fast hash is safe and
    // lets every request look its token up by index.
    tokenHash: text("token_hash").notNull(),
    scopes: text("scopes").array().notNull(),
    expiresAt: tstz("expires_at"),
    lastUsedAt: tstz("last_used_at"),
    revokedAt: tstz("revoked_at"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("api_tokens_hash_key").on(t.tokenHash), index("api_tokens_user_idx").on(t.userId)],
);

/**
 * One-time registration links (STINT_REGISTRATION=invite), made by an admin with `stint user invite`.
 * Only the SHA-256 of the link's secret is kept; using it sets used_at, in the registering transaction.
 */
export const registrationInvites = pgTable(
  "registration_invites",
  {
    id: id(),
    email: text("email").notNull(),
    tokenHash: text("token_hash").notNull(),
    expiresAt: tstz("expires_at").notNull(),
    usedAt: tstz("used_at"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("registration_invites_hash_key").on(t.tokenHash)],
);

/**
 * Browser sign-ins, so that a session can be ended server-side: the session cookie (a JWT) carries a
 * random key whose SHA-256 is stored here, and every request checks that its row is not revoked.
 */
export const userSessions = pgTable(
  "user_sessions",
  {
    id: id(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    keyHash: text("key_hash").notNull(),
    /** "Firefox on Linux": enough for a person to recognise the device, not the whole header. */
    userAgent: text("user_agent").notNull(),
    // The workspace chosen in this browser's switcher (null: the user's first workspace).
    workspaceId: integer("workspace_id").references(() => workspaces.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    // Written at most once a minute per session, so the check on every request stays a read.
    lastSeenAt: tstz("last_seen_at").notNull().defaultNow(),
    revokedAt: tstz("revoked_at"),
  },
  (t) => [uniqueIndex("user_sessions_key_hash_key").on(t.keyHash), index("user_sessions_user_idx").on(t.userId)],
);

/** One-time password reset links (printed by `stint user reset-password` or mailed): only a hash is stored. */
export const passwordResets = pgTable(
  "password_resets",
  {
    id: id(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    expiresAt: tstz("expires_at").notNull(),
    usedAt: tstz("used_at"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("password_resets_token_hash_key").on(t.tokenHash), index("password_resets_user_idx").on(t.userId)],
);

export type User = typeof users.$inferSelect;
export type Client = typeof clients.$inferSelect;
export type Project = typeof projects.$inferSelect;
export type ProjectMember = typeof projectMembers.$inferSelect;
export type Task = typeof tasks.$inferSelect;
export type Tag = typeof tags.$inferSelect;
export type TimeEntry = typeof timeEntries.$inferSelect;
export type ApiToken = typeof apiTokens.$inferSelect;
export type UserSession = typeof userSessions.$inferSelect;

/**
 * Idempotency-Key records of POST requests: the first response is kept and replayed for a retry with the
 * same key and body. `owner` is "token:<id>" or "user:<id>" (a browser session). Kept at least 24 hours.
 */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    id: id(),
    owner: text("owner").notNull(),
    key: text("key").notNull(),
    requestHash: text("request_hash").notNull(),
    /** Null while the first request is still being answered. */
    status: integer("status"),
    response: text("response"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("idempotency_keys_owner_key").on(t.owner, t.key), index("idempotency_keys_created_idx").on(t.createdAt)],
);

/**
 * Request counts per API token and fixed window, shared by every app instance. UNLOGGED (migration
 * 0003, drizzle cannot declare it): no WAL for a write made on every request; a crash resets the counts.
 */
export const rateLimitBuckets = pgTable(
  "rate_limit_buckets",
  {
    bucket: text("bucket").notNull(),
    windowStart: tstz("window_start").notNull(),
    count: integer("count").notNull(),
  },
  (t) => [primaryKey({ name: "rate_limit_buckets_pkey", columns: [t.bucket, t.windowStart] }), index("rate_limit_buckets_window_idx").on(t.windowStart)],
);

export type IntegrationConnection = typeof integrationConnections.$inferSelect;

/**
 * The outbox of entry pushes, one row per (connection, entry). A trigger on time_entries (migration 0004)
 * bumps `version` and makes the row pending in the same transaction as any change that matters to the
 * connection, so no write path can forget it. No foreign key to the entry: after a delete the row still
 * knows the remote log to delete. `attempt` is written before a remote create and cleared after its result
 * is stored: a worker that finds it set reconciles against the remote list before creating again.
 */
export const entrySyncLinks = pgTable(
  "entry_sync_links",
  {
    connectionId: integer("connection_id")
      .notNull()
      .references(() => integrationConnections.id, { onDelete: "cascade" }),
    entryId: integer("entry_id").notNull(),
    workspaceId: integer("workspace_id").notNull(),
    userId: integer("user_id").notNull(),
    state: syncState("state").notNull().default("pending"),
    version: integer("version").notNull().default(1),
    syncedVersion: integer("synced_version").notNull().default(0),
    remoteId: text("remote_id"),
    remoteMeta: jsonb("remote_meta").$type<Record<string, string | null>>(),
    attempt: jsonb("attempt").$type<{ op: "create"; startedAt: string; worker: string; entry: Record<string, unknown> }>(),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: tstz("next_attempt_at").notNull().defaultNow(),
    // A worker holds the row while it works on it; a crashed worker's lease runs out and another takes over.
    leaseUntil: tstz("lease_until"),
    leaseOwner: text("lease_owner"),
    lastError: text("last_error"),
    syncedAt: tstz("synced_at"),
    // The entry came from the outside system (a pull): its badge says "from <provider>".
    pulled: boolean("pulled").notNull().default(false),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ name: "entry_sync_links_pkey", columns: [t.connectionId, t.entryId] }),
    index("entry_sync_links_due_idx").on(t.nextAttemptAt).where(sql`${t.state} = 'pending'`),
    index("entry_sync_links_workspace_entry_idx").on(t.workspaceId, t.entryId),
  ],
);

export type EntrySyncLink = typeof entrySyncLinks.$inferSelect;

/** "Sync now" and "import projects" runs, claimed by any worker; progress is readable through the API. */
export const integrationJobs = pgTable(
  "integration_jobs",
  {
    id: id(),
    workspaceId: integer("workspace_id").notNull(),
    userId: integer("user_id").notNull(),
    connectionId: integer("connection_id")
      .notNull()
      .references(() => integrationConnections.id, { onDelete: "cascade" }),
    // The engine's kinds ("sync", "import_projects", "pull") and any a provider registers (lib/integrations/sync/job-kinds.ts).
    kind: text("kind").notNull(),
    // What the job was asked for, when its kind takes input (RescueTime's import: {from, to} local dates).
    params: jsonb("params").$type<Record<string, unknown>>(),
    status: jobStatus("status").notNull().default("queued"),
    // What it is doing now ("projects", "tasks", "users", "pull", "push"), of `total` steps `done`.
    phase: text("phase"),
    done: integer("done").notNull().default(0),
    total: integer("total"),
    message: text("message"),
    leaseUntil: tstz("lease_until"),
    createdAt: createdAt(),
    startedAt: tstz("started_at"),
    finishedAt: tstz("finished_at"),
  },
  (t) => [index("integration_jobs_queued_idx").on(t.createdAt).where(sql`${t.status} in ('queued', 'running')`), index("integration_jobs_connection_idx").on(t.connectionId, t.id)],
);

export type IntegrationJob = typeof integrationJobs.$inferSelect;

/** Where a connection's pulls and imports got to, per stream (e.g. "logs", "projects"): an opaque cursor
 *  the provider gave, so the next run asks only for what changed since. */
export const integrationCursors = pgTable(
  "integration_cursors",
  {
    connectionId: integer("connection_id")
      .notNull()
      .references(() => integrationConnections.id, { onDelete: "cascade" }),
    stream: text("stream").notNull(),
    cursor: text("cursor").notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ name: "integration_cursors_pkey", columns: [t.connectionId, t.stream] })],
);

/** The sync log a person reads per connection: what was pushed, retried, refused. */
export const integrationEvents = pgTable(
  "integration_events",
  {
    id: id(),
    connectionId: integer("connection_id")
      .notNull()
      .references(() => integrationConnections.id, { onDelete: "cascade" }),
    at: tstz("at").notNull().defaultNow(),
    level: text("level").$type<"info" | "warn" | "error">().notNull(),
    message: text("message").notNull(),
    entryId: integer("entry_id"),
  },
  (t) => [index("integration_events_connection_idx").on(t.connectionId, t.id)],
);

export type IntegrationEvent = typeof integrationEvents.$inferSelect;

// Webhooks (lib/webhooks): a workspace's endpoints, the events its changes raise, and one delivery per
// (endpoint, event). Events are written in the same transaction as the change that raised them
// (lib/webhooks/emit.ts), so a rolled-back change raises none and a crash after commit loses none.
export const webhookDeliveryStatus = pgEnum("webhook_delivery_status", ["pending", "retrying", "succeeded", "failed"]);

/**
 * An endpoint. `secret` is sealed (lib/crypto/secret-box.ts, bound to "webhook:<id>"): Stint must sign with
 * it, so it is encrypted, not hashed; it is shown once. `failing_since` is the first failure after the last
 * success: an endpoint failing for 3 days is deactivated with `deactivated_reason`. `rate_tokens`/`rate_at`
 * are the endpoint's token bucket, shared by every worker (lib/delivery/token-bucket.ts).
 */
export const webhooks = pgTable(
  "webhooks",
  {
    id: id(),
    workspaceId: integer("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    url: text("url").notNull(),
    events: text("events").array().notNull(),
    description: text("description").notNull().default(""),
    secret: text("secret").notNull(),
    active: boolean("active").notNull().default(true),
    deactivatedReason: text("deactivated_reason"),
    deactivatedAt: tstz("deactivated_at"),
    failingSince: tstz("failing_since"),
    blockedUntil: tstz("blocked_until"),
    rateTokens: doublePrecision("rate_tokens"),
    rateAt: tstz("rate_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [unique("webhooks_workspace_id_id_key").on(t.workspaceId, t.id), index("webhooks_workspace_active_idx").on(t.workspaceId).where(sql`${t.active}`)],
);

export type Webhook = typeof webhooks.$inferSelect;

/** What happened, once: the body every delivery of it sends (`id` is the `Stint-Event-Id`, "evt_…"). */
export const webhookEvents = pgTable(
  "webhook_events",
  {
    id: text("id").primaryKey(),
    workspaceId: integer("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("webhook_events_created_idx").on(t.createdAt)],
);

export type WebhookEvent = typeof webhookEvents.$inferSelect;

/** One event to one endpoint: the delivery engine's queue (claimed with SKIP LOCKED and a lease). */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: id(),
    webhookId: integer("webhook_id")
      .notNull()
      .references(() => webhooks.id, { onDelete: "cascade" }),
    eventId: text("event_id")
      .notNull()
      .references(() => webhookEvents.id, { onDelete: "cascade" }),
    workspaceId: integer("workspace_id").notNull(),
    status: webhookDeliveryStatus("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: tstz("next_attempt_at").notNull().defaultNow(),
    leaseUntil: tstz("lease_until"),
    leaseOwner: text("lease_owner"),
    // The last attempt: what was sent and what came back (excerpts, no secret), for the Settings page.
    requestExcerpt: text("request_excerpt"),
    responseStatus: integer("response_status"),
    responseExcerpt: text("response_excerpt"),
    durationMs: integer("duration_ms"),
    lastError: text("last_error"),
    deliveredAt: tstz("delivered_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("webhook_deliveries_webhook_event_key").on(t.webhookId, t.eventId),
    index("webhook_deliveries_due_idx").on(t.nextAttemptAt).where(sql`${t.status} in ('pending', 'retrying')`),
    index("webhook_deliveries_webhook_idx").on(t.webhookId, t.id),
    index("webhook_deliveries_event_idx").on(t.eventId),
  ],
);

export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;

// ---- Suggestions (lib/suggestions/): activity a read source saw (RescueTime), turned by the person's rules
// into suggested entries that become time entries only when the person accepts them ----

export const suggestionStatus = pgEnum("suggestion_status", ["pending", "accepted", "ignored"]);

/** One 5-minute bucket of one activity, as the provider reported it: a day is replaced whole on re-import. */
export const activityBuckets = pgTable(
  "activity_buckets",
  {
    id: id(),
    workspaceId: integer("workspace_id").notNull(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    connectionId: integer("connection_id")
      .notNull()
      .references(() => integrationConnections.id, { onDelete: "cascade" }),
    // The person's local date the bucket falls on (what an import replaces).
    day: text("day").notNull(),
    startAt: tstz("start_at").notNull(),
    seconds: smallint("seconds").notNull(),
    activity: text("activity").notNull(),
    category: text("category"),
    document: text("document"),
    productivity: smallint("productivity"),
  },
  (t) => [index("activity_buckets_connection_day_idx").on(t.connectionId, t.day)],
);

export type ActivityBucket = typeof activityBuckets.$inferSelect;

/** A suggested entry. `source_key` is stable across re-imports of its day (user, day, group key, start), so a
 *  re-import updates a pending one and never revives an ignored one nor repeats an accepted one. */
export const suggestions = pgTable(
  "suggestions",
  {
    id: id(),
    workspaceId: integer("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    connectionId: integer("connection_id").references(() => integrationConnections.id, { onDelete: "set null" }),
    source: text("source").notNull(),
    sourceKey: text("source_key").notNull(),
    // The activity or category the block was merged by (what "ignored" and "accepted" suppress on re-import).
    groupKey: text("group_key").notNull(),
    day: text("day").notNull(),
    startAt: tstz("start_at").notNull(),
    endAt: tstz("end_at").notNull(),
    notes: text("notes").notNull().default(""),
    projectId: integer("project_id").references(() => projects.id, { onDelete: "set null" }),
    taskId: integer("task_id").references(() => tasks.id, { onDelete: "set null" }),
    tags: text("tags").array().notNull().default(sql`'{}'::text[]`),
    billable: boolean("billable"),
    status: suggestionStatus("status").notNull().default("pending"),
    // [{name, category, productivity, seconds}]: what the block was made of, most seconds first.
    activities: jsonb("activities").$type<{ name: string; category: string | null; productivity: number | null; seconds: number }[]>().notNull(),
    // Trimmed around an entry that existed when it was made (the untrimmed block overlapped it).
    trimmed: boolean("trimmed").notNull().default(false),
    timeEntryId: integer("time_entry_id").references(() => timeEntries.id, { onDelete: "set null" }),
    decidedAt: tstz("decided_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("suggestions_user_source_key").on(t.userId, t.source, t.sourceKey),
    index("suggestions_workspace_user_status_start_idx").on(t.workspaceId, t.userId, t.status, t.startAt),
    index("suggestions_user_day_idx").on(t.userId, t.day),
    check("suggestions_end_after_start", sql`${t.endAt} > ${t.startAt}`),
  ],
);

export type Suggestion = typeof suggestions.$inferSelect;

/** A person's thresholds for turning activity into suggestions (absent: the defaults of lib/suggestions/rules.ts). */
export const suggestionSettings = pgTable(
  "suggestion_settings",
  {
    workspaceId: integer("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    settings: jsonb("settings").$type<Record<string, unknown>>().notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ name: "suggestion_settings_pkey", columns: [t.workspaceId, t.userId] })],
);

/** "Activity, category or document text → project, task, tags, billable": first match by position wins. */
export const suggestionMappings = pgTable(
  "suggestion_mappings",
  {
    id: id(),
    workspaceId: integer("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    field: text("field").$type<"activity" | "category" | "document">().notNull(),
    // Matched case-insensitively as a part of the field's text.
    pattern: text("pattern").notNull(),
    projectId: integer("project_id").references(() => projects.id, { onDelete: "cascade" }),
    taskId: integer("task_id").references(() => tasks.id, { onDelete: "set null" }),
    tags: text("tags").array().notNull().default(sql`'{}'::text[]`),
    billable: boolean("billable"),
    createdAt: createdAt(),
  },
  (t) => [index("suggestion_mappings_user_idx").on(t.workspaceId, t.userId, t.position)],
);

export type SuggestionMapping = typeof suggestionMappings.$inferSelect;

/**
 * A member's saved report (issue 15): a name and the Reports page's query string, normalised through the
 * report schema (lib/reports/saved/params.ts). Tied to the membership: leaving the workspace deletes the
 * member's saved reports, and with them their share links.
 */
export const savedReports = pgTable(
  "saved_reports",
  {
    id: id(),
    workspaceId: integer("workspace_id").notNull(),
    userId: integer("user_id").notNull(),
    name: text("name").notNull(),
    params: text("params").notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("saved_reports_workspace_id_id_key").on(t.workspaceId, t.id),
    foreignKey({ name: "saved_reports_member_fk", columns: [t.workspaceId, t.userId], foreignColumns: [workspaceMembers.workspaceId, workspaceMembers.userId] }).onDelete("cascade"),
    uniqueIndex("saved_reports_member_name_key").on(t.workspaceId, t.userId, sql`lower(${t.name})`),
  ],
);

export type SavedReport = typeof savedReports.$inferSelect;

/**
 * A read-only link to a saved report, opened without signing in (/share/<token>). Only the SHA-256 of the
 * token is kept (as for API tokens): the token is shown once, when the link is made.
 */
export const savedReportShareLinks = pgTable(
  "saved_report_share_links",
  {
    id: id(),
    workspaceId: integer("workspace_id").notNull(),
    savedReportId: integer("saved_report_id").notNull(),
    // The first characters of the token, so that a list tells links apart without the secret.
    prefix: text("prefix").notNull(),
    tokenHash: text("token_hash").notNull(),
    expiresAt: tstz("expires_at"),
    revokedAt: tstz("revoked_at"),
    createdAt: createdAt(),
  },
  (t) => [
    foreignKey({ name: "saved_report_share_links_report_fk", columns: [t.workspaceId, t.savedReportId], foreignColumns: [savedReports.workspaceId, savedReports.id] }).onDelete("cascade"),
    uniqueIndex("saved_report_share_links_hash_key").on(t.tokenHash),
    index("saved_report_share_links_report_idx").on(t.savedReportId),
  ],
);

export type SavedReportShareLink = typeof savedReportShareLinks.$inferSelect;
