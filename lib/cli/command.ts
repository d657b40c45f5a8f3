import type { Db } from "@/db";
import type { ProviderRegistry } from "@/lib/integrations/registry";

// What a CLI command is; the commands themselves live in commands.ts and integration-commands.ts.

export type Flags = Record<string, string | boolean | undefined>;
/** Where a command runs: in this process, or inside the server that holds the embedded database. */
export type CommandContext = {
  via: "direct" | "server";
  /** The integrations known (tests pass fakes); default: the built-in ones. */
  providers?: ProviderRegistry;
  /** Where a long command reports progress as it goes (the terminal's stderr); absent: nowhere. */
  progress?: (update: ProgressUpdate) => void;
};

/** One step of a long command: `phase` (e.g. "projects", "tasks", "users", "pull", "push"), `done` of `total`. */
export type ProgressUpdate = { phase: string; done: number; total: number | null; message: string };

/** A progress update as one plain line, e.g. "[tasks 2/5] Tasks of Website: 3." */
export const progressLine = (u: ProgressUpdate) => `[${u.phase}${u.total !== null ? ` ${u.done}/${u.total}` : ""}] ${u.message}`;
export type Command = {
  usage: string;
  options: Record<string, { type: "string" | "boolean" }>;
  required: string[];
  /** The name of one positional argument, e.g. "provider" (read as flags._provider). */
  positional?: string;
  run(db: Db, flags: Flags, ctx: CommandContext): Promise<{ text: string; json: unknown }>;
};

export const str = (flags: Flags, key: string) => (typeof flags[key] === "string" ? (flags[key] as string) : undefined);
