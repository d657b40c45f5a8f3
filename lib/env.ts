import path from "node:path";
import { z } from "zod";

// The only reader of process.env. Parsed lazily (not at import) so `next build` needs no configuration.
const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  STINT_DATA_DIR: z.string().min(1).default(".data"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  /** 32 bytes, base64 or hex: encrypts integration credentials. Default: generated into the data folder. */
  STINT_ENCRYPTION_KEY: z.string().optional(),
  /** Requests per API token per minute and per hour, counted in the database (0 turns a limit off). */
  STINT_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(100),
  STINT_RATE_LIMIT_PER_HOUR: z.coerce.number().int().min(0).default(1000),
  /** API requests per signed-in user per minute through browser sessions (0 turns it off). */
  STINT_SESSION_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(600),
  /** "1": the client address is the last entry of X-Forwarded-For (set by the proxy in front of Stint). */
  STINT_TRUST_PROXY: z.enum(["0", "1"]).default("0"),
  /** Who may create an account once the first (admin) account exists. */
  STINT_REGISTRATION: z.enum(["open", "invite", "closed"]).default("invite"),
  /** "off": this server does not run the integrations worker (run `stint sync run` as its own process). */
  STINT_WORKER: z.enum(["on", "off"]).default("on"),
  /** How often the worker syncs two-way integrations (Teamleader: pulls what changed there), in minutes. */
  STINT_SYNC_EVERY_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  /** On SIGTERM/SIGINT: how long requests in flight may take to finish before the database is closed anyway. */
  STINT_SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
  /** A server starting on a data folder whose lock another Stint process holds (one still stopping, say) waits this long for it. */
  STINT_LOCK_WAIT_MS: z.coerce.number().int().min(0).default(30_000),
  /** "1": calls to outside systems may reach loopback, private and link-local addresses (LAN set-ups, tests). */
  STINT_ALLOW_PRIVATE_URLS: z.enum(["0", "1"]).default("0"),
  /** How long a call to an outside system (integrations) may take before it counts as failed. */
  STINT_HTTP_TIMEOUT_MS: z.coerce.number().int().min(100).default(20_000),
  /** Where Stint sends mail (password reset links): smtp://user:password@host:587, or smtps:// for TLS from the start. */
  STINT_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^/?#]/, "must be an smtp:// or smtps:// URL, like smtp://user:password@mail.example.com:587")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** The From of Stint's mails, e.g. "Stint <stint@example.com>". Default: stint@ the public URL's host. */
  STINT_MAIL_FROM: z
    .string()
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** The address people reach Stint at, for OAuth redirect URLs, e.g. https://time.example.com. */
  STINT_PUBLIC_URL: z.string().url().optional(),
  NEXT_PHASE: z.string().optional(),
  NEXT_RUNTIME: z.string().optional(),
});

export type Env = z.infer<typeof schema> & { dataDir: string };

const cache = globalThis as unknown as { __stintEnv?: Env };

export function env(): Env {
  if (cache.__stintEnv) return cache.__stintEnv;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  const value = { ...parsed.data, dataDir: path.resolve(parsed.data.STINT_DATA_DIR) };
  cache.__stintEnv = value;
  return value;
}

/** Where people reach Stint, for links Stint prints or mails (never taken from a request's Host header). */
export function publicUrl(): string {
  return (env().STINT_PUBLIC_URL ?? "http://localhost:3000").replace(/\/+$/, "");
}

/** A variable named by a plugin (e.g. an integration's OAuth client id, "ZOHO_CLIENT_ID"). */
export function envVar(name: string): string | undefined {
  const value = process.env[name];
  return value === "" ? undefined : value;
}

export function isBuildPhase(): boolean {
  return process.env.NEXT_PHASE === "phase-production-build";
}
