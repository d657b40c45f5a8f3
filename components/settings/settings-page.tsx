"use client";

import Link from "next/link";
import { useMe } from "@/lib/queries/me";
import type { Me } from "@/lib/queries/types";
import { AppearanceSection } from "./appearance-section";
import { AccountSection, type AccountActions } from "./account-section";
import { ProfileForm } from "./profile-form";
import { SessionsSection } from "./sessions-section";
import styles from "./settings.module.css";

const SHORTCUTS = [
  { key: "S", action: "Start or stop the timer" },
  { key: "N", action: "Focus “What are you working on?”" },
  { key: "U", action: "Undo, while a message offers it, on any page (Ctrl+Z works too)" },
];

/** /settings: the account's profile and time settings, this browser's appearance, the account, shortcuts. */
type Props = { initialUser: Me; signOutEverywhere: () => Promise<void>; accountActions: AccountActions; showWebhooks: boolean };

/** `showWebhooks`: the Webhooks link, for the workspace's owners and admins (the page asks the policy). */
export function SettingsPage({ initialUser, signOutEverywhere, accountActions, showWebhooks }: Props) {
  const { data: me = initialUser } = useMe(initialUser);
  return (
    <div className={styles.page}>
      <h1 className="page-title">Settings</h1>

      <section className={`card ${styles.section}`} aria-labelledby="settings-profile">
        <div>
          <h2 id="settings-profile">Profile &amp; time</h2>
          <p className={styles.lead}>Your name, how Stint counts your days and weeks, how long a session may be, and your preferred currency.</p>
        </div>
        <ProfileForm me={me} />
      </section>

      <AppearanceSection />

      <AccountSection me={me} actions={accountActions} />

      <SessionsSection signOutEverywhere={signOutEverywhere} />

      <section className={`card ${styles.section}`} aria-labelledby="settings-workspace">
        <h2 id="settings-workspace">Workspace</h2>
        <p className={styles.lead}>
          The workspace you are in now: its name, currency and default rate, its members and their roles, and invitations.{" "}
          <Link href="/settings/workspace">Manage workspace</Link>
        </p>
      </section>

      <section className={`card ${styles.section}`} aria-labelledby="settings-integrations">
        <h2 id="settings-integrations">Integrations</h2>
        <p className={styles.lead}>
          Send your entries to the systems you bill in, such as Zoho Projects, and pick their projects in the timer.{" "}
          <Link href="/settings/integrations">Manage integrations</Link>
        </p>
      </section>

      <section className={`card ${styles.section}`} aria-labelledby="settings-suggestions">
        <h2 id="settings-suggestions">Suggestions</h2>
        <p className={styles.lead}>
          How your RescueTime activity becomes suggested entries in Review, and which project each activity goes to.{" "}
          <Link href="/settings/suggestions">Suggestion rules</Link>
        </p>
      </section>

      {showWebhooks && (
        <section className={`card ${styles.section}`} aria-labelledby="settings-webhooks">
          <h2 id="settings-webhooks">Webhooks</h2>
          <p className={styles.lead}>
            Send this workspace&apos;s changes (entries, the timer, projects, clients, tasks) to a URL of yours as signed requests.{" "}
            <Link href="/settings/webhooks">Manage webhooks</Link>
          </p>
        </section>
      )}

      <section className={`card ${styles.section}`} aria-labelledby="settings-api">
        <h2 id="settings-api">API tokens</h2>
        <p className={styles.lead}>
          Let scripts and other apps use your Stint through the REST API. <Link href="/settings/tokens">Manage API tokens</Link> ·{" "}
          <a href="/api/docs">API documentation</a>
        </p>
      </section>

      <section className={`card ${styles.section}`} aria-labelledby="settings-shortcuts">
        <div>
          <h2 id="settings-shortcuts">Keyboard shortcuts</h2>
          <p className={styles.lead}>On the Timer page, while you are not typing in a field.</p>
        </div>
        <dl className={styles.shortcuts}>
          {SHORTCUTS.map((s) => (
            <div key={s.key}>
              <dt>
                <kbd>{s.key}</kbd>
              </dt>
              <dd>{s.action}</dd>
            </div>
          ))}
        </dl>
      </section>
    </div>
  );
}
