import { parseArgs } from "node:util";
import type { Db } from "@/db";
import { AppError } from "@/lib/errors";
import { createToken } from "@/lib/tokens/service";
import { createRegistrationInvite } from "@/lib/users/registration";
import { createPasswordReset, resetLink } from "@/lib/users/password-reset";
import { getUserByEmailOrThrow, registerUser } from "@/lib/users/service";
import { publicUrl } from "@/lib/env";
import { str, type Command, type CommandContext, type Flags } from "./command";
import { BACKUP_COMMANDS } from "./backup-commands";
import { INTEGRATION_COMMANDS } from "./integration-commands";
import { WORKSPACE_COMMANDS } from "./workspace-commands";

export type CliResult = { exitCode: number; stdout: string; stderr: string };


// Each command calls the same lib/ functions as the pages and the API; this file only parses and prints.
const COMMANDS: Record<string, Command> = {
  "user create": {
    usage: "user create --email E --password P --name N [--admin] [--timezone Z]",
    options: { email: { type: "string" }, password: { type: "string" }, name: { type: "string" }, admin: { type: "boolean" }, timezone: { type: "string" } },
    required: ["email", "password", "name"],
    async run(db, flags) {
      const user = await registerUser(
        db,
        { email: str(flags, "email")!, password: str(flags, "password")!, name: str(flags, "name")!, timezone: str(flags, "timezone") },
        { isAdmin: flags.admin === true },
      );
      return {
        text: `Created ${user.isAdmin ? "admin " : ""}user ${user.email} (id ${user.id})`,
        json: { id: user.id, email: user.email, name: user.name, is_admin: user.isAdmin, timezone: user.timezone },
      };
    },
  },
  "user invite": {
    usage: "user invite --email E [--url https://stint.example.com]",
    options: { email: { type: "string" }, url: { type: "string" } },
    required: ["email"],
    async run(db, flags) {
      const invite = await createRegistrationInvite(db, { email: str(flags, "email")! });
      // The link names the public address: --url, else STINT_PUBLIC_URL, else the default local one.
      const base = (str(flags, "url") ?? publicUrl()).replace(/\/+$/, "");
      const url = `${base}${invite.path}`;
      return {
        text: `${url}\n(for ${invite.email}; valid once, until ${invite.expiresAt.toISOString()})`,
        json: { url, path: invite.path, email: invite.email, expires_at: invite.expiresAt.toISOString() },
      };
    },
  },
  "user reset-password": {
    usage: "user reset-password --email E   (prints a one-time link to set a new password, valid 1 hour)",
    options: { email: { type: "string" } },
    required: ["email"],
    async run(db, flags) {
      const reset = await createPasswordReset(db, str(flags, "email")!);
      if (!reset) throw new AppError("not_found", `No user with the email ${str(flags, "email")}.`);
      const link = resetLink(publicUrl(), reset.token);
      return {
        text: `${link}\nValid until ${reset.expiresAt.toISOString()}, once. Using it signs the account out everywhere.`,
        json: { link, expires_at: reset.expiresAt.toISOString() },
      };
    },
  },
  "token create": {
    usage: "token create --user E --scopes s1,s2 [--workspace ID] [--name N] [--expires-days D]   (a token of the user as a member of that workspace, default their first)",
    options: { user: { type: "string" }, scopes: { type: "string" }, workspace: { type: "string" }, name: { type: "string" }, "expires-days": { type: "string" } },
    required: ["user", "scopes"],
    async run(db, flags) {
      const user = await getUserByEmailOrThrow(db, str(flags, "user")!);
      const workspace = str(flags, "workspace");
      if (workspace !== undefined && !/^\d{1,9}$/.test(workspace)) throw AppError.validation({ workspace: ["Give the workspace's number (see workspace list)."] });
      const { token, record } = await createToken(db, { userId: user.id, workspaceId: workspace === undefined ? undefined : Number(workspace) }, {
        name: str(flags, "name") ?? "CLI token",
        scopes: str(flags, "scopes")!.split(",").map((s) => s.trim()).filter(Boolean) as never,
        expiresInDays: str(flags, "expires-days") as never,
      });
      // Plain output is the token alone, so `TOKEN=$(npm run --silent stint -- token create ...)` works.
      return {
        text: token,
        json: { token, id: record.id, name: record.name, prefix: record.prefix, scopes: record.scopes, workspace_id: record.workspaceId, expires_at: record.expiresAt?.toISOString() ?? null },
      };
    },
  },
  ...WORKSPACE_COMMANDS,
  ...INTEGRATION_COMMANDS,
  ...BACKUP_COMMANDS,
};

export function helpText(): string {
  return ["Usage: npm run --silent stint -- <command> [--json]", "", "Commands:", ...Object.values(COMMANDS).map((c) => `  ${c.usage}`)].join("\n") + "\n";
}

/** Runs one CLI command against a database. Never throws: every outcome is an exit code and text. */
export async function runCommand(db: Db, argv: string[], ctx: CommandContext = { via: "direct" }): Promise<CliResult> {
  // Commands are one word (backup) or two (user create).
  const name = Object.hasOwn(COMMANDS, argv.slice(0, 2).join(" ")) ? argv.slice(0, 2).join(" ") : (argv[0] ?? "");
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command || argv.includes("--help") || argv.includes("-h")) {
    const known = command || argv.length === 0 || argv.includes("--help") || argv.includes("-h");
    return { exitCode: known ? 0 : 2, stdout: known ? helpText() : "", stderr: known ? "" : `Unknown command: ${argv.join(" ")}\n\n${helpText()}` };
  }
  let flags: Flags;
  try {
    const parsed = parseArgs({ args: argv.slice(name.split(" ").length), options: { ...command.options, json: { type: "boolean" } }, strict: true, allowPositionals: command.positional !== undefined });
    flags = parsed.values as Flags;
    if (command.positional) flags[`_${command.positional}`] = parsed.positionals[0];
  } catch (error) {
    return { exitCode: 2, stdout: "", stderr: `${(error as Error).message}\nUsage: ${command.usage}\n` };
  }
  const missing = command.required.filter((key) => typeof flags[key] !== "string");
  if (missing.length) {
    return { exitCode: 2, stdout: "", stderr: `Missing ${missing.map((m) => `--${m}`).join(", ")}\nUsage: ${command.usage}\n` };
  }
  const json = flags.json === true;
  try {
    const result = await command.run(db, flags, ctx);
    return { exitCode: 0, stdout: (json ? JSON.stringify(result.json) : result.text) + "\n", stderr: "" };
  } catch (error) {
    if (!(error instanceof AppError)) return { exitCode: 1, stdout: "", stderr: `Unexpected error: ${(error as Error).message}\n` };
    const fields = Object.entries(error.details.fields ?? {}).map(([k, v]) => `  ${k}: ${v.join(" ")}`);
    const stderr = json
      ? JSON.stringify({ error: error.code, message: error.message, errors: error.details.fields }) + "\n"
      : [`Error: ${error.message}`, ...fields].join("\n") + "\n";
    return { exitCode: 1, stdout: "", stderr };
  }
}
