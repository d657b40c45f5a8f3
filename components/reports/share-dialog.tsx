"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { fieldError } from "@/lib/queries/fetch";
import { type SavedReportInfo, useCreateShareLink, useRevokeShareLink, useShareLinks } from "@/lib/queries/saved-reports";
import styles from "./saved-reports.module.css";

const shortDate = (iso: string) => new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric" }).format(new Date(iso));

/** A saved report's read-only links: make one (optionally expiring), copy it once, revoke any. */
export function ShareDialog({ report, onClose }: { report: SavedReportInfo; onClose: () => void }) {
  const links = useShareLinks(report.id);
  const create = useCreateShareLink(report.id);
  const revoke = useRevokeShareLink(report.id);
  const [expiry, setExpiry] = useState("");
  const [url, setUrl] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const expiryError = fieldError(create.error, "expires_at");

  return (
    <Dialog open onClose={onClose} title={`Share "${report.name}"`}>
      <div className="stack">
        <p className="muted">Anyone with the link sees this report read-only, without signing in, with your access to the workspace at the time they open it.</p>
        <form
          className={styles.row}
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            setCopied(false);
            // The end of the chosen day, in this browser's zone.
            const expires_at = expiry ? new Date(`${expiry}T23:59:59`).toISOString() : undefined;
            create.mutate({ expires_at }, { onSuccess: (res) => setUrl(`${window.location.origin}/share/${res.token}`) });
          }}
        >
          <div className="field">
            <label htmlFor="share-expiry">Expires on (optional)</label>
            <input id="share-expiry" className="input" type="date" value={expiry} onChange={(e) => setExpiry(e.target.value)} aria-invalid={expiryError ? true : undefined} aria-describedby={expiryError ? "share-expiry-error" : undefined} />
            {expiryError && (
              <p id="share-expiry-error" className="field-error">
                {expiryError}
              </p>
            )}
          </div>
          <Button type="submit" disabled={create.isPending}>
            {create.isPending ? "Creating…" : "Create link"}
          </Button>
        </form>
        {url && (
          <div className="stack" role="status">
            <p>
              Copy the link now: <strong>it is shown only this once.</strong>
            </p>
            <div className={styles.secret}>
              <input className="input" readOnly value={url} aria-label="Share link" data-testid="share-url" onFocus={(e) => e.currentTarget.select()} />
              <Button type="button" variant="secondary" className="button-small" onClick={() => void navigator.clipboard?.writeText(url).then(() => setCopied(true))}>
                {copied ? "Copied" : "Copy link"}
              </Button>
            </div>
          </div>
        )}
        <h3 className={styles.subhead}>Links</h3>
        {links.isPending ? (
          <p className="muted">Loading…</p>
        ) : !links.data?.length ? (
          <p className="muted">No links yet.</p>
        ) : (
          <ul className={styles.list} aria-label="Share links">
            {links.data.map((l) => (
              <li key={l.id} className={styles.item} data-testid="share-link">
                <span className={styles.grow}>
                  <code>{l.prefix}…</code> made {shortDate(l.created_at)}
                  {l.expires_at ? (l.expired ? " · expired" : ` · until ${shortDate(l.expires_at)}`) : " · no expiry"}
                </span>
                <Button type="button" variant="secondary" className="button-small" disabled={revoke.isPending} onClick={() => revoke.mutate(l.id)} aria-label={`Revoke link ${l.prefix}`}>
                  Revoke
                </Button>
              </li>
            ))}
          </ul>
        )}
        <div className="dialog-actions">
          <Button type="button" variant="secondary" onClick={onClose}>
            Close
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
