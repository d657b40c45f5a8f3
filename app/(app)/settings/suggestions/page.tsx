import Link from "next/link";
import { SuggestionRulesForm } from "@/components/settings/suggestion-rules-form";
import styles from "@/components/settings/settings.module.css";
import { userContext } from "@/lib/context";

export const metadata = { title: "Suggestions" };

export default async function SuggestionsSettingsPage() {
  await userContext();
  return (
    <div className={styles.page}>
      <p>
        <Link href="/settings">← Settings</Link>
      </p>
      <h1 className="page-title">Suggestions</h1>
      <section className={`card ${styles.section}`} aria-labelledby="suggestion-rules">
        <div>
          <h2 id="suggestion-rules">How activity becomes suggestions</h2>
          <p className={styles.lead}>
            RescueTime&apos;s 5-minute activity is merged into blocks, filtered and rounded by these rules, then waits in <Link href="/review">Review</Link>.
          </p>
        </div>
        <SuggestionRulesForm />
      </section>
    </div>
  );
}
