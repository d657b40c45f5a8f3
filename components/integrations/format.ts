// Small display helpers shared by the Integrations page, the entries list and the project picker.

const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" });
const time = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit" });

export const when = (iso: string | null) => (iso ? dateTime.format(new Date(iso)) : null);
export const clock = (iso: string) => time.format(new Date(iso));

/** "zoho-projects" -> "Zoho", "alp" -> "ALP" (short names are acronyms): the short mark beside an imported project. */
export function providerMark(provider: string | null | undefined): string {
  const first = (provider ?? "").split(/[-_]/)[0];
  if (first && first.length <= 3) return first.toUpperCase();
  return first ? first[0].toUpperCase() + first.slice(1) : "Imported";
}
