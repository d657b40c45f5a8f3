"use client";

import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { KeyConnectForm } from "./key-connect-form";
import type { ProviderInfo } from "./queries";
import { SettingsFields } from "./settings-fields";
import styles from "./integrations.module.css";

/** What the administrator must do before an OAuth provider can be connected. */
function NotConfigured({ provider, headingId }: { provider: ProviderInfo; headingId: string }) {
  const [id, secret] = provider.env.required;
  return (
    <section className={`card ${styles.section}`} aria-labelledby={headingId} data-testid={`provider-${provider.name}`}>
      <h2 id={headingId}>{provider.label}</h2>
      <p className={styles.lead}>This server is not set up to connect {provider.label} yet. An administrator has to:</p>
      <ol className={styles.setup}>
        <li>
          Register Stint as a server-based application in the provider&apos;s developer console, with this redirect URL:
          <code className={styles.code} data-testid="redirect-uri">
            {provider.redirect_uri}
          </code>
        </li>
        <li>
          Set <code>{id}</code> and <code>{secret}</code> in Stint&apos;s environment and restart it.
        </li>
      </ol>
    </section>
  );
}

/** The browser's way through the provider's consent page (OAuth 2), with the settings it asks for first. */
function OAuthForm({ provider }: { provider: ProviderInfo }) {
  const [pending, setPending] = useState(false);
  // Back from the provider's page (the browser's back button restores this page as it was): ready again.
  useEffect(() => {
    const reset = () => setPending(false);
    window.addEventListener("pageshow", reset);
    return () => window.removeEventListener("pageshow", reset);
  }, []);
  return (
    <form className={styles.form} method="get" action={`/api/integrations/${provider.name}/connect`} onSubmit={() => setPending(true)}>
      <SettingsFields fields={provider.settings_form} />
      <div className={styles.actions}>
        <Button type="submit" disabled={pending}>
          {pending ? `Opening ${provider.label}…` : `Connect ${provider.label}`}
        </Button>
      </div>
    </form>
  );
}

/** Connect one provider, generated from what it declares (how it connects, its settings form). */
export function ConnectForm({ provider }: { provider: ProviderInfo }) {
  const headingId = `connect-${provider.name}`;
  if (provider.connect === "oauth2" && !provider.configured) return <NotConfigured provider={provider} headingId={headingId} />;
  return (
    <section className={`card ${styles.section}`} aria-labelledby={headingId} data-testid={`provider-${provider.name}`}>
      <div>
        <h2 id={headingId}>Connect {provider.label}</h2>
        {provider.lead && <p className={styles.lead}>{provider.lead}</p>}
      </div>
      {provider.connect === "oauth2" ? <OAuthForm provider={provider} /> : <KeyConnectForm provider={provider} />}
    </section>
  );
}
