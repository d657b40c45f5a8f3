// A session name's rules as plain numbers and words. schema.ts builds the zod schemas from them (the one
// validation of the API and the forms); the Timer page's rows check a name with `notesProblem` instead,
// so the page's browser code does not load zod (~30 kB gzipped) for one rule.

export const NOTES_MAX = 500;
export const NOTES_TOO_LONG = `Use at most ${NOTES_MAX} characters.`;
export const NOTES_REQUIRED = "Give the session a name.";

/** What `requiredNotes` would say about a name (undefined when it takes it). */
export function notesProblem(text: string): string | undefined {
  const name = text.trim();
  if (name.length === 0) return NOTES_REQUIRED;
  if (name.length > NOTES_MAX) return NOTES_TOO_LONG;
  return undefined;
}
