"use client";

import Link from "next/link";
import { LoadError } from "@/components/ui/load-error";
import { Skeleton } from "@/components/ui/skeleton";
import { useWorkspace } from "@/lib/queries/workspaces";
import { ROLE_LABEL, type WorkspaceAbilities } from "./abilities";
import { InvitationsSection } from "./invitations-section";
import { MembersSection } from "./members-section";
import { WorkspaceForm } from "./workspace-form";
import styles from "./workspaces.module.css";

/** /settings/workspace: the current workspace's settings, its members and invitations. */
export function WorkspaceSettingsPage({ abilities }: { abilities: WorkspaceAbilities }) {
  const workspace = useWorkspace(abilities.workspaceId);
  return (
    <div className={styles.page}>
      <p>
        <Link href="/settings">← Settings</Link>
      </p>
      <h1 className="page-title">Workspace</h1>
      <p className="muted">
        Projects, clients, tasks and tags belong to the workspace and are shared by its members. Your role here: <strong data-testid="my-role">{ROLE_LABEL[abilities.role]}</strong>.
      </p>
      <section className={`card ${styles.section}`} aria-labelledby="workspace-settings">
        <h2 id="workspace-settings">Settings</h2>
        {workspace.isPending ? (
          <Skeleton rows={2} />
        ) : workspace.isError ? (
          <LoadError what="workspace" error={workspace.error} onRetry={() => void workspace.refetch()} />
        ) : (
          <WorkspaceForm key={workspace.data.id} workspace={workspace.data} editable={abilities.editWorkspace} />
        )}
      </section>
      <MembersSection abilities={abilities} currency={workspace.data?.currency ?? "EUR"} />
      {abilities.invite && <InvitationsSection abilities={abilities} />}
    </div>
  );
}
