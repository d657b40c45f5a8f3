"use client";

import { useEffect, useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { ZOHO_DCS, type ZohoDc } from "@/lib/integrations/zoho-projects/hosts";
import type { ProviderInfo } from "./queries";
import styles from "./integrations.module.css";

const ZOHO_DC_NAMES: Record<ZohoDc, string> = {
  us: "United States (zoho.com)",
  eu: "Europe (zoho.eu)",
  in: "India (zoho.in)",
  au: "Australia (zoho.com.au)",
  jp: "Japan (zoho.jp)",
};

/** Where the connect button goes: the OAuth start route with the chosen settings as its query. */
export function connectUrl(provider: string, settings: Record<string, string | null | undefined>, reconnect?: number): string {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(settings)) if (v) query.set(k, v);
  if (reconnect !== undefined) query.set("reconnect", String(reconnect));
  const q = query.toString();
  return `/api/integrations/${provider}/connect${q ? `?${q}` : ""}`;
}

/** The settings a provider asks for before its consent page (Zoho: data centre and portal). */
function ZohoFields() {
  const dcId = useId();
  return (
    <div className={styles.pair}>
      <div className="field">
        <label htmlFor={dcId}>Data centre</label>
        <select id={dcId} name="dc" className={`select ${styles.wide}`} defaultValue="us" aria-describedby={`${dcId}-hint`}>
          {ZOHO_DCS.map((dc) => (
            <option key={dc} value={dc}>
              {ZOHO_DC_NAMES[dc]}
            </option>
          ))}
        </select>
        <p className="hint" id={`${dcId}-hint`}>
          Where your Zoho account lives: the address you sign in at.
        </p>
      </div>
      <TextField label="Portal ID (optional)" name="portalId" inputMode="numeric" pattern="[0-9]*" autoComplete="off" hint="Leave empty for your default portal." />
    </div>
  );
}

const FIELDS: Record<string, () => React.ReactNode> = { "zoho-projects": ZohoFields };

/** Connect one provider, or (when the server has no OAuth client for it) what the administrator must set. */
export function ConnectForm({ provider }: { provider: ProviderInfo }) {
  const [pending, setPending] = useState(false);
  // Back from the provider's page (the browser's back button restores this page as it was): ready again.
  useEffect(() => {
    const reset = () => setPending(false);
    window.addEventListener("pageshow", reset);
    return () => window.removeEventListener("pageshow", reset);
  }, []);
  const Fields = FIELDS[provider.name];
  const headingId = `connect-${provider.name}`;

  if (provider.connect === "oauth2" && !provider.configured) {
    const short = provider.env_prefix.split("_")[0];
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
            Set <code>{short}_CLIENT_ID</code> and <code>{short}_CLIENT_SECRET</code> (or <code>{provider.env_prefix}_CLIENT_ID</code> /{" "}
            <code>{provider.env_prefix}_CLIENT_SECRET</code>) in Stint&apos;s environment and restart it.
          </li>
        </ol>
      </section>
    );
  }

  return (
    <section className={`card ${styles.section}`} aria-labelledby={headingId} data-testid={`provider-${provider.name}`}>
      <div>
        <h2 id={headingId}>Connect {provider.label}</h2>
        <p className={styles.lead}>
          You will be asked to allow Stint to read your projects and write your time logs. Your entries in its projects are then sent there when
          you stop the timer.
        </p>
      </div>
      <form className={styles.form} method="get" action={`/api/integrations/${provider.name}/connect`} onSubmit={() => setPending(true)}>
        {Fields && <Fields />}
        <div className={styles.actions}>
          <Button type="submit" disabled={pending}>
            {pending ? `Opening ${provider.label}…` : `Connect ${provider.label}`}
          </Button>
        </div>
      </form>
    </section>
  );
}
