"use client";

import { useState } from "react";
import { formatRate } from "@/lib/money/format";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { LoadError } from "@/components/ui/load-error";
import { Skeleton } from "@/components/ui/skeleton";
import { useMembers, useRemoveMember, type MemberInfo } from "@/lib/queries/workspaces";
import { ROLE_LABEL, rateOf, type WorkspaceAbilities } from "./abilities";
import { MemberDialog } from "./member-dialog";
import styles from "./workspaces.module.css";

/** Settings → Members: who belongs to the workspace, in which role and at which rate. */
export function MembersSection({ abilities, currency }: { abilities: WorkspaceAbilities; currency: string }) {
  const members = useMembers(abilities.workspaceId);
  const remove = useRemoveMember(abilities.workspaceId);
  const [editing, setEditing] = useState<MemberInfo | null>(null);
  const [removing, setRemoving] = useState<MemberInfo | null>(null);
  const [status, setStatus] = useState("");

  return (
    <section className={`card ${styles.section}`} aria-labelledby="workspace-members">
      <div>
        <h2 id="workspace-members">Members</h2>
        <p className={styles.lead}>
          Owners and admins manage members and settings; managers see everyone&apos;s time and manage projects; members track their own time.
        </p>
      </div>
      {members.isPending ? (
        <Skeleton rows={2} />
      ) : members.isError ? (
        <LoadError what="members" error={members.error} onRetry={() => void members.refetch()} />
      ) : members.data.length === 0 ? (
        <EmptyState title="No members" />
      ) : (
        <ul className={styles.list}>
          {members.data.map((m) => {
            const rate = rateOf(m.hourly_rate);
            const you = m.user_id === abilities.userId;
            const manageable = abilities.manageMembers && abilities.assignable[m.role].length > 0;
            return (
              <li key={m.user_id} className={styles.item} data-testid="member-item">
                <div className={styles.who}>
                  <strong>
                    {m.name}
                    {you && <span className={styles.you}> (you)</span>}
                  </strong>
                  <span className={styles.meta}>{m.email}</span>
                  <span className={styles.meta}>
                    <span className={styles.badge} data-testid="member-role">
                      {ROLE_LABEL[m.role]}
                    </span>{" "}
                    {rate === null ? "no rate of their own" : formatRate(rate, currency)}
                  </span>
                </div>
                {manageable && (
                  <div className={styles.rowActions}>
                    <Button type="button" variant="secondary" className="button-small" onClick={() => setEditing(m)} aria-label={`Edit ${m.name}`}>
                      Edit
                    </Button>
                    {!you && (
                      <Button type="button" className="button-danger button-small" onClick={() => setRemoving(m)} aria-label={`Remove ${m.name}`}>
                        Remove
                      </Button>
                    )}
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <p role="status" className={styles.status}>
        {status}
      </p>
      <MemberDialog
        member={editing}
        workspaceId={abilities.workspaceId}
        roles={editing ? abilities.assignable[editing.role] : []}
        onClose={() => setEditing(null)}
        onSaved={(name) => {
          setEditing(null);
          setStatus(`${name} saved.`);
        }}
      />
      <ConfirmDialog
        open={removing !== null}
        title="Remove this member?"
        confirmLabel="Remove"
        pendingLabel="Removing…"
        pending={remove.isPending}
        onClose={() => setRemoving(null)}
        onConfirm={() =>
          removing &&
          remove.mutate(removing.user_id, {
            onSuccess: () => {
              setStatus(`${removing.name} was removed from the workspace.`);
              setRemoving(null);
            },
          })
        }
      >
        <p>
          {removing?.name} loses access to this workspace at once. Their time entries stay, attributed to them; invite them again to give access back.
        </p>
      </ConfirmDialog>
    </section>
  );
}
