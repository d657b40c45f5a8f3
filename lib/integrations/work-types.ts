import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { integrationConnections, projects, type IntegrationConnection } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { getProjectOrThrow } from "@/lib/projects/service";
import type { Actor } from "@/lib/workspaces/policy";
import type { AnyProvider } from "./registry";
import type { UpdateIntegrationInput } from "./schema";

// Work types of a connection whose provider has them (Teamleader): its default, and per project it imported
// an override. Read with the connection (Stint project ids, names) and changed through PATCH /integrations/{id}
// ({"work_types": {"default_id", "projects": {"<project id>": "<work type id>" | null}}}).

export type ConnectionWorkTypes = {
  choices: { id: string; name: string }[];
  default_id: string | null;
  projects: { project_id: number; name: string; work_type_id: string | null }[];
};

const parsedSettings = (connection: IntegrationConnection, provider: AnyProvider) => provider.settingsSchema.parse(connection.settings) as never;

/** The connection's work types, or null when its provider has none. */
export async function workTypesOf(db: Db, connection: IntegrationConnection, provider: AnyProvider | undefined): Promise<ConnectionWorkTypes | null> {
  if (!provider?.workTypes) return null;
  const settings = parsedSettings(connection, provider);
  const current = provider.workTypes.read(settings);
  const imported = await db
    .select({ id: projects.id, name: projects.name, remoteId: projects.remoteId })
    .from(projects)
    .where(and(eq(projects.connectionId, connection.id), eq(projects.workspaceId, connection.workspaceId), eq(projects.status, "active")))
    .orderBy(projects.name);
  return {
    choices: provider.workTypes.choices(settings),
    default_id: current.defaultId,
    projects: imported.map((p) => ({ project_id: p.id, name: p.name, work_type_id: (p.remoteId && current.byRemoteProject[p.remoteId]) || null })),
  };
}

/**
 * Sets the default work type and/or per-project overrides (null: back to the default). Every id is checked:
 * a work type must be one of the account's, a project one the actor may see that this connection imported.
 */
export async function setWorkTypes(db: Db, actor: Actor, connection: IntegrationConnection, provider: AnyProvider, input: NonNullable<UpdateIntegrationInput["work_types"]>): Promise<void> {
  const capability = provider.workTypes;
  if (!capability) throw AppError.validation({ work_types: [`${provider.label} has no work types.`] });
  const settings = parsedSettings(connection, provider);
  const known = new Set(capability.choices(settings).map((w) => w.id));
  const unknown = `Not a work type of this ${provider.label} account (import projects to refresh the list).`;
  const current = capability.read(settings);
  const next = { defaultId: current.defaultId, byRemoteProject: { ...current.byRemoteProject } };
  if (input.default_id !== undefined) {
    if (input.default_id !== null && !known.has(input.default_id)) throw AppError.validation({ "work_types.default_id": [unknown] });
    next.defaultId = input.default_id;
  }
  for (const [key, workType] of Object.entries(input.projects ?? {})) {
    const project = await getProjectOrThrow(db, actor, Number(key));
    const [own] = await db
      .select({ remoteId: projects.remoteId })
      .from(projects)
      .where(and(eq(projects.id, project.id), eq(projects.connectionId, connection.id), eq(projects.workspaceId, connection.workspaceId)));
    if (!own?.remoteId) throw AppError.validation({ [`work_types.projects.${key}`]: [`This project was not imported from this ${provider.label} connection.`] });
    if (workType !== null && !known.has(workType)) throw AppError.validation({ [`work_types.projects.${key}`]: [unknown] });
    if (workType === null) delete next.byRemoteProject[own.remoteId];
    else next.byRemoteProject[own.remoteId] = workType;
  }
  const values = capability.write(settings, next);
  await db
    .update(integrationConnections)
    .set({ settings: sql`${integrationConnections.settings} || ${JSON.stringify(values)}::jsonb`, updatedAt: new Date() })
    .where(eq(integrationConnections.id, connection.id));
}
