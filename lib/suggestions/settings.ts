import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { suggestionMappings, suggestionSettings, type SuggestionMapping } from "@/db/schema";
import { DEFAULT_RULES, type Mapping, type SuggestionRules } from "./rules";
import { storedRulesSchema } from "./schema";

// Where a person's rules live: thresholds in suggestion_settings (absent: the defaults), mapping rules in
// suggestion_mappings by position.

export type Owner = { workspaceId: number; userId: number };

export async function readRules(db: Db, owner: Owner): Promise<SuggestionRules> {
  const [row] = await db
    .select({ settings: suggestionSettings.settings })
    .from(suggestionSettings)
    .where(and(eq(suggestionSettings.workspaceId, owner.workspaceId), eq(suggestionSettings.userId, owner.userId)));
  return row ? storedRulesSchema.parse({ ...DEFAULT_RULES, ...row.settings }) : { ...DEFAULT_RULES };
}

export async function readMappingRows(db: Db, owner: Owner): Promise<SuggestionMapping[]> {
  return db
    .select()
    .from(suggestionMappings)
    .where(and(eq(suggestionMappings.workspaceId, owner.workspaceId), eq(suggestionMappings.userId, owner.userId)))
    .orderBy(asc(suggestionMappings.position), asc(suggestionMappings.id));
}

export const toMapping = (m: SuggestionMapping): Mapping => ({ field: m.field, pattern: m.pattern, projectId: m.projectId, taskId: m.taskId, tags: m.tags, billable: m.billable });

export async function readMappings(db: Db, owner: Owner): Promise<Mapping[]> {
  return (await readMappingRows(db, owner)).map(toMapping);
}
