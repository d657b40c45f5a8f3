"use client";

import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { useRevokeToken, useTokens, type ApiTokenInfo } from "@/lib/queries/tokens";
import { CreateTokenForm } from "./create-token-form";
import styles from "./tokens.module.css";

const when = (iso: string | null) => (iso ? new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso)) : null);

/** Settings → API tokens: what third-party tools use to reach your data. */
export function TokensPage({ isAdmin }: { isAdmin: boolean }) {
  const { data: tokens, isPending } = useTokens();
  const revoke = useRevokeToken();
  const [created, setCreated] = useState<{ token: string; name: string } | null>(null);
  const [revoking, setRevoking] = useState<ApiTokenInfo | null>(null);
  const [copied, setCopied] = useState(false);

  return (
    <div className="stack">
      <p>
        <Link href="/settings">← Settings</Link>
      </p>
      <h1 className="page-title">API tokens</h1>
      <p className="muted">
        Scripts and apps use a token to reach your Stint through the <a href="/api/docs">REST API</a>. Give each one only the scopes it needs; a
        token is shown once, when it is made.
      </p>
      <section className="card stack" aria-labelledby="tokens-new">
        <h2 id="tokens-new">New token</h2>
        <CreateTokenForm
          isAdmin={isAdmin}
          onCreated={(token, name) => {
            setCopied(false);
            setCreated({ token, name });
          }}
        />
      </section>
      <section className="card stack" aria-labelledby="tokens-list">
        <h2 id="tokens-list">Your tokens</h2>
        {isPending ? (
          <Skeleton rows={2} />
        ) : !tokens?.length ? (
          <EmptyState title="No API tokens yet">
            <p>Create one above to connect a script or another app.</p>
          </EmptyState>
        ) : (
          <ul className={styles.list}>
            {tokens.map((t) => (
              <li key={t.id} className={styles.item} data-testid="token-item">
                <div className="stack" style={{ gap: "0.3rem" }}>
                  <h3>{t.name}</h3>
                  {t.description && <p className="muted" style={{ margin: 0 }}>{t.description}</p>}
                  <div className={styles.meta}>
                    <span>
                      <code>{t.prefix}…</code>
                    </span>
                    <span>created {when(t.created_at)}</span>
                    <span>{t.last_used_at ? `last used ${when(t.last_used_at)}` : "never used"}</span>
                    <span className={t.expired ? styles.expired : undefined}>{t.expires_at ? `${t.expired ? "expired" : "expires"} ${when(t.expires_at)}` : "never expires"}</span>
                  </div>
                  <div className={styles.scopes}>
                    {t.scopes.map((s) => (
                      <span key={s} className={styles.scope}>
                        {s}
                      </span>
                    ))}
                  </div>
                </div>
                <Button type="button" className="button-danger button-small" onClick={() => setRevoking(t)} aria-label={`Revoke ${t.name}`}>
                  Revoke
                </Button>
              </li>
            ))}
          </ul>
        )}
      </section>

      <Dialog open={created !== null} onClose={() => setCreated(null)} title="Your new token">
        {created && (
          <>
            <p>
              Copy the token for <strong>{created.name}</strong> now. <strong>You will not see it again.</strong>
            </p>
            <div className={styles.secret}>
              <code data-testid="new-token">{created.token}</code>
              <Button
                type="button"
                variant="secondary"
                className="button-small"
                onClick={() => {
                  void navigator.clipboard?.writeText(created.token).then(() => setCopied(true));
                }}
              >
                {copied ? "Copied" : "Copy"}
              </Button>
            </div>
            <p className="muted">
              Send it as <code>Authorization: Bearer …</code> or <code>X-API-Key: …</code>.
            </p>
            <div className="dialog-actions">
              <Button type="button" onClick={() => setCreated(null)}>
                Done
              </Button>
            </div>
          </>
        )}
      </Dialog>
      <ConfirmDialog
        open={revoking !== null}
        title="Revoke this token?"
        confirmLabel="Revoke"
        pendingLabel="Revoking…"
        pending={revoke.isPending}
        onClose={() => setRevoking(null)}
        onConfirm={() => revoking && revoke.mutate(revoking.id, { onSuccess: () => setRevoking(null) })}
      >
        <p>Anything using “{revoking?.name}” stops working at once. This cannot be undone.</p>
      </ConfirmDialog>
    </div>
  );
}
