"use client";

import { useId, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { LoadError } from "@/components/ui/load-error";
import { Skeleton } from "@/components/ui/skeleton";
import { TextField } from "@/components/ui/text-field";
import { ApiError } from "@/lib/queries/fetch";
import { useCreateInvitation, useInvitations, useRevokeInvitation, type InvitationInfo, type WorkspaceRoleName } from "@/lib/queries/workspaces";
import { ROLE_LABEL, type WorkspaceAbilities } from "./abilities";
import styles from "./workspaces.module.css";

const when = (iso: string) => new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));

/** Settings → Invitations: invite by email with a role; the link is shown once; pending ones can be revoked. */
export function InvitationsSection({ abilities }: { abilities: WorkspaceAbilities }) {
  const roleId = useId();
  const roles = abilities.assignable.new;
  const invitations = useInvitations(abilities.workspaceId, true);
  const create = useCreateInvitation(abilities.workspaceId);
  const revoke = useRevokeInvitation(abilities.workspaceId);
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<WorkspaceRoleName>("member");
  const [created, setCreated] = useState<InvitationInfo | null>(null);
  const [copied, setCopied] = useState(false);
  const [revoking, setRevoking] = useState<InvitationInfo | null>(null);
  const [status, setStatus] = useState("");
  const fields = create.error instanceof ApiError ? create.error.fields : {};

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate(
      { email, role },
      {
        onSuccess: (invitation) => {
          setEmail("");
          setCopied(false);
          setCreated(invitation);
        },
      },
    );
  }

  return (
    <section className={`card ${styles.section}`} aria-labelledby="workspace-invitations">
      <div>
        <h2 id="workspace-invitations">Invitations</h2>
        <p className={styles.lead}>Invite someone by email: they get a link to join, valid for 7 days and usable once. Send it to them yourself.</p>
      </div>
      <form className={styles.inviteForm} onSubmit={submit} noValidate>
        <TextField label="Email" name="email" type="email" autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} errors={fields.email} />
        <div className="field">
          <label htmlFor={roleId}>Role</label>
          <select id={roleId} name="role" className="select" value={role} onChange={(e) => setRole(e.target.value as WorkspaceRoleName)}>
            {roles.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABEL[r]}
              </option>
            ))}
          </select>
          {fields.role && <p className="field-error">{fields.role.join(" ")}</p>}
        </div>
        <Button type="submit" disabled={create.isPending}>
          {create.isPending ? "Inviting…" : "Invite"}
        </Button>
      </form>

      <h3 className={styles.subhead}>Pending invitations</h3>
      {invitations.isPending ? (
        <Skeleton rows={1} />
      ) : invitations.isError ? (
        <LoadError what="invitations" error={invitations.error} onRetry={() => void invitations.refetch()} />
      ) : invitations.data.length === 0 ? (
        <EmptyState title="No pending invitations">
          <p>Invite someone above; their invitation waits here until they join or it expires.</p>
        </EmptyState>
      ) : (
        <ul className={styles.list}>
          {invitations.data.map((inv) => (
            <li key={inv.id} className={styles.item} data-testid="invitation-item">
              <div className={styles.who}>
                <strong>{inv.email}</strong>
                <span className={styles.meta}>
                  <span className={styles.badge}>{ROLE_LABEL[inv.role]}</span> expires {when(inv.expires_at)}
                </span>
              </div>
              <Button type="button" className="button-danger button-small" onClick={() => setRevoking(inv)} aria-label={`Revoke the invitation of ${inv.email}`}>
                Revoke
              </Button>
            </li>
          ))}
        </ul>
      )}
      <p role="status" className={styles.status}>
        {status}
      </p>

      <Dialog open={created !== null} onClose={() => setCreated(null)} title="Invitation link">
        {created && (
          <>
            <p>
              Send this link to <strong>{created.email}</strong>. <strong>You will not see it again.</strong> It works once, until {when(created.expires_at)}.
            </p>
            <div className={styles.secret}>
              <code data-testid="invitation-url">{created.url}</code>
              <Button
                type="button"
                variant="secondary"
                className="button-small"
                onClick={() => {
                  if (created.url) void navigator.clipboard?.writeText(created.url).then(() => setCopied(true));
                }}
              >
                {copied ? "Copied" : "Copy link"}
              </Button>
            </div>
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
        title="Revoke this invitation?"
        confirmLabel="Revoke"
        pendingLabel="Revoking…"
        pending={revoke.isPending}
        onClose={() => setRevoking(null)}
        onConfirm={() =>
          revoking &&
          revoke.mutate(revoking.id, {
            onSuccess: () => {
              setStatus(`The invitation of ${revoking.email} was revoked.`);
              setRevoking(null);
            },
          })
        }
      >
        <p>The link sent to {revoking?.email} stops working at once.</p>
      </ConfirmDialog>
    </section>
  );
}
