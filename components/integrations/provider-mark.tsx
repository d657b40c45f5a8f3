import { providerMark } from "./format";
import styles from "./integrations.module.css";

/** "Zoho" beside a project imported from Zoho Projects. */
export function ProviderMark({ provider }: { provider: string | null }) {
  const mark = providerMark(provider);
  return (
    <span className={styles.mark} title={`Imported from ${mark}`} data-testid="provider-mark">
      {mark}
    </span>
  );
}
