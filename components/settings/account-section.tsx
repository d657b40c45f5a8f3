"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { TextField } from "@/components/ui/text-field";
import { keys } from "@/lib/queries/keys";
import type { Me } from "@/lib/queries/types";
import { AccountForm, type AccountAction } from "./account-form";
import styles from "./settings.module.css";

export type AccountActions = { changeEmail: AccountAction; changePassword: AccountAction; deleteAccount: AccountAction };

/** Settings → Account: the sign-in address, the password, and deleting the account. Each asks for the current password. */
export function AccountSection({ me, actions }: { me: Me; actions: AccountActions }) {
  const client = useQueryClient();
  const refreshMe = useCallback(() => void client.invalidateQueries({ queryKey: keys.me }), [client]);
  const current = (errors?: string[]) => <TextField label="Current password" name="current_password" type="password" autoComplete="current-password" errors={errors} />;
  return (
    <section className={`card ${styles.section}`} aria-labelledby="settings-account">
      <h2 id="settings-account">Account</h2>
      <dl className={styles.facts}>
        <div>
          <dt>Email</dt>
          <dd data-testid="account-email">{me.email}</dd>
        </div>
        <div>
          <dt>Role</dt>
          <dd>{me.is_admin ? "Administrator" : "User"}</dd>
        </div>
      </dl>

      <h3 className={styles.subhead}>Change email</h3>
      <AccountForm action={actions.changeEmail} submitLabel="Change email" pendingLabel="Changing…" onDone={refreshMe}>
        {(state) => (
          <>
            <TextField label="New email" name="email" type="email" autoComplete="email" errors={state.fields?.email} />
            {current(state.fields?.current_password)}
          </>
        )}
      </AccountForm>

      <h3 className={styles.subhead}>Change password</h3>
      <AccountForm action={actions.changePassword} submitLabel="Change password" pendingLabel="Changing…">
        {(state) => (
          <>
            {current(state.fields?.current_password)}
            <TextField label="New password" name="new_password" type="password" autoComplete="new-password" hint="At least 8 characters. Your other sessions are signed out." errors={state.fields?.new_password} />
          </>
        )}
      </AccountForm>

      <h3 className={styles.subhead}>Delete account</h3>
      <p className={styles.lead}>Deletes your account with all its entries, projects, clients, tags, tokens and connections. This cannot be undone.</p>
      <AccountForm action={actions.deleteAccount} submitLabel="Delete my account" pendingLabel="Deleting…" danger>
        {(state) => (
          <>
            <TextField label="Type your email to confirm" name="email" type="email" autoComplete="off" errors={state.fields?.email} />
            {current(state.fields?.current_password)}
          </>
        )}
      </AccountForm>
    </section>
  );
}
