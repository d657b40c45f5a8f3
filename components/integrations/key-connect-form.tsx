"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { ApiError } from "@/lib/queries/fetch";
import { useConnectWithKey, type ProviderInfo } from "./queries";
import { SettingsFields, settingsFrom } from "./settings-fields";
import styles from "./integrations.module.css";

/** Connect a provider that takes an API key (or nothing secret): the provider checks it before it is saved. */
export function KeyConnectForm({ provider }: { provider: ProviderInfo }) {
  const connect = useConnectWithKey(provider.name);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [alert, setAlert] = useState<string | null>(null);
  const needsKey = provider.connect === "api_key";

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    setErrors({});
    setAlert(null);
    try {
      await connect.mutateAsync({ api_key: needsKey ? String(data.get("api_key") ?? "") : undefined, settings: settingsFrom(data, provider.settings_form) });
      form.reset();
    } catch (error) {
      if (error instanceof ApiError && Object.keys(error.fields).length) setErrors(error.fields);
      else setAlert(error instanceof Error ? error.message : "Not connected.");
    }
  }

  return (
    <form className={styles.form} onSubmit={submit} noValidate>
      {alert && (
        <p className="form-alert" role="alert" data-testid="connect-error">
          Could not connect: {alert}
        </p>
      )}
      {needsKey && <TextField label="API key" name="api_key" type="password" autoComplete="off" required errors={errors.api_key} hint="Stored encrypted; never shown again." />}
      <SettingsFields fields={provider.settings_form} errors={errors} />
      <div className={styles.actions}>
        <Button type="submit" disabled={connect.isPending}>
          {connect.isPending ? `Checking with ${provider.label}…` : `Connect ${provider.label}`}
        </Button>
      </div>
    </form>
  );
}
