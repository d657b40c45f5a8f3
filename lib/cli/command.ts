import type { Db } from "@/db";

// What a CLI command is; the commands themselves live in commands.ts and integration-commands.ts.

export type Flags = Record<string, string | boolean | undefined>;
/** Where a command runs: in this process, or inside the server that holds the embedded database. */
export type CommandContext = { via: "direct" | "server" };
export type Command = {
  usage: string;
  options: Record<string, { type: "string" | "boolean" }>;
  required: string[];
  /** The name of one positional argument, e.g. "provider" (read as flags._provider). */
  positional?: string;
  run(db: Db, flags: Flags, ctx: CommandContext): Promise<{ text: string; json: unknown }>;
};

export const str = (flags: Flags, key: string) => (typeof flags[key] === "string" ? (flags[key] as string) : undefined);
