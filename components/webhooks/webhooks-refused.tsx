import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import styles from "./webhooks.module.css";

/** What a member who may not manage webhooks sees at /settings/webhooks: who may, and why, not an error. */
export function WebhooksRefused({ message }: { message: string }) {
  return (
    <div className={styles.page}>
      <p>
        <Link href="/settings">← Settings</Link>
      </p>
      <h1 className="page-title">Webhooks</h1>
      <section className="card">
        <EmptyState title="Webhooks are for the workspace's owners and admins">
          <p data-testid="webhooks-refusal">{message}</p>
          <p>A webhook sends every member&apos;s changes to another system: ask an owner or admin of this workspace to set one up.</p>
        </EmptyState>
      </section>
    </div>
  );
}
