import styles from "./provider-mark.module.css";

/** "zoho-projects" -> "Zoho", "alp" -> "ALP" (short names are acronyms): the short mark beside an imported project. */
export function providerMark(provider: string | null | undefined): string {
  const first = (provider ?? "").split(/[-_]/)[0];
  if (first && first.length <= 3) return first.toUpperCase();
  return first ? first[0].toUpperCase() + first.slice(1) : "Imported";
}

/** "Zoho" beside a project imported from Zoho Projects. */
export function ProviderMark({ provider }: { provider: string | null }) {
  const mark = providerMark(provider);
  return (
    <span className={styles.mark} title={`Imported from ${mark}`} data-testid="provider-mark">
      {mark}
    </span>
  );
}
