"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { useRevokeOtherSessions, useRevokeSession, useSessions } from "@/lib/queries/sessions";
import styles from "./settings.module.css";

const when = (iso: string) => new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));

/** Settings → Sessions: the browsers signed in to this account, each with a way to sign it out. */
export function SessionsSection({ signOutEverywhere }: { signOutEverywhere: () => Promise<void> }) {
  const { data: sessions, isPending } = useSessions();
  const revoke = useRevokeSession();
  const revokeOthers = useRevokeOtherSessions();
  const [status, setStatus] = useState("");
  const others = sessions?.filter((s) => !s.current).length ?? 0;

  return (
    <section className={`card ${styles.section}`} aria-labelledby="settings-sessions">
      <div>
        <h2 id="settings-sessions">Sessions</h2>
        <p className={styles.lead}>The browsers signed in to your account. Ending a session signs that browser out at its next click.</p>
      </div>
      {isPending ? (
        <Skeleton rows={2} />
      ) : (
        <ul className={styles.sessions}>
          {sessions?.map((s) => (
            <li key={s.id} data-testid="session-item">
              <div>
                <strong>{s.browser}</strong>
                {s.current && <span className={styles.badge}>This device</span>}
                <div className={styles.lead}>
                  Last seen {when(s.last_seen_at)} · signed in {when(s.created_at)}
                </div>
              </div>
              {!s.current && (
                <Button
                  type="button"
                  variant="secondary"
                  className="button-small"
                  aria-label={`Revoke ${s.browser}, last seen ${when(s.last_seen_at)}`}
                  disabled={revoke.isPending}
                  onClick={() => revoke.mutate(s.id, { onSuccess: () => setStatus(`Signed out ${s.browser}.`) })}
                >
                  Revoke
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      <div className={styles.actions}>
        <Button
          type="button"
          variant="secondary"
          disabled={others === 0 || revokeOthers.isPending}
          onClick={() => revokeOthers.mutate(undefined, { onSuccess: (r) => setStatus(`Signed out ${r.revoked} other ${r.revoked === 1 ? "session" : "sessions"}.`) })}
        >
          Sign out other sessions
        </Button>
        <form action={signOutEverywhere}>
          <Button type="submit" className="button-danger">
            Sign out everywhere
          </Button>
        </form>
        <p role="status" className={styles.status}>
          {status}
        </p>
      </div>
    </section>
  );
}
