import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary as commonDictionary } from "@zxcvbn-ts/language-common";
import { dictionary as englishDictionary, translations } from "@zxcvbn-ts/language-en";
import { AppError } from "@/lib/errors";

// Server only: the dictionaries (common and breached passwords, names, English words) are a few MB and
// must stay out of the browser's bundles; the register page shows the server's answer next to the field.

/** zxcvbn's 0-4 scale; 3 is "safely unguessable: moderate protection from an offline slow-hash attack". */
const MIN_SCORE = 3;
/** zxcvbn's matching grows with length: the first 100 characters decide (a longer password is not weaker). */
const CHECKED_LENGTH = 100;

const state = globalThis as unknown as { __stintZxcvbn?: ZxcvbnFactory };
const zxcvbn = () =>
  (state.__stintZxcvbn ??= new ZxcvbnFactory({ translations, graphs: adjacencyGraphs, dictionary: { ...commonDictionary, ...englishDictionary } }));

type Owner = { email?: string; name?: string };

/** What an attacker would try first for this person: the email, its name part, the name and its words. */
function guessesAbout({ email = "", name = "" }: Owner): string[] {
  const local = email.split("@")[0];
  return [email, local, ...local.split(/[^\p{L}\p{N}]+/u), name, ...name.split(/\s+/)].map((s) => s.trim().toLowerCase()).filter((s) => s.length > 2);
}

/** Why this password is too easy to guess (zxcvbn's own words, e.g. "This is a commonly used password."), or null. */
export function weakPasswordReason(password: string, owner: Owner = {}): string | null {
  const result = zxcvbn().check(password.slice(0, CHECKED_LENGTH), guessesAbout(owner));
  if (result.score >= MIN_SCORE) return null;
  const { warning, suggestions } = result.feedback;
  return [warning || "This password is too easy to guess.", ...suggestions].join(" ");
}

/** Throws a validation error on the password field when the password is too easy to guess. */
export function assertStrongPassword(password: string, owner: Owner = {}, field = "password"): void {
  const reason = weakPasswordReason(password, owner);
  if (reason) throw AppError.validation({ [field]: [reason] });
}
