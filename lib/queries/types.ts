import type { ApiEntry } from "@/lib/entries/serialize";
import type { Pagination } from "@/lib/api/pagination";
import type { serializeClient } from "@/lib/clients/service";
import type { ProjectWithStats } from "@/lib/projects/stats";
import type { serializeTask } from "@/lib/tasks/service";
import type { serializeUser } from "@/lib/users/service";
import type { Overview } from "@/lib/reports/overview";
import type { PeriodReport } from "@/lib/reports/period";
import type { ApiSuggestion } from "@/lib/suggestions/serialize";
import type { SerializedRules } from "@/lib/suggestions/service";

// The API's response shapes, derived from the serializers that produce them.
export type Entry = ApiEntry;
export type Project = ProjectWithStats;
export type Client = ReturnType<typeof serializeClient>;
export type Task = ReturnType<typeof serializeTask>;
export type Me = ReturnType<typeof serializeUser>;
export type Suggestion = ApiSuggestion;
export type SuggestionRules = SerializedRules;
export type Tag = { id: number; name: string; entries: number };
export type { Overview, Pagination, PeriodReport };
