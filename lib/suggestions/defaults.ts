// The person's thresholds and their defaults, apart from the rules engine (which hashes with node:crypto):
// schema.ts needs the defaults and is bundled for the browser (the rules form), which must not pull crypto in.

export type SuggestionRules = {
  group_by: "activity" | "category";
  gap_minutes: number;
  min_block_minutes: number;
  min_productivity: number;
  round_minutes: number;
  denied_categories: string[];
};

export const DEFAULT_RULES: SuggestionRules = { group_by: "activity", gap_minutes: 5, min_block_minutes: 5, min_productivity: 1, round_minutes: 5, denied_categories: [] };
