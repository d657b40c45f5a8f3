"use client";

import { useRef, useState } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FilterTabs, rememberFilter } from "@/components/projects/filter-tabs";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { useClients, useDeleteClient, useUpdateClient } from "@/lib/queries/clients";
import type { Client } from "@/lib/queries/types";
import { ClientDialog } from "./client-form";
import { CLIENT_FILTERS, type ClientFilter } from "./filters";
import styles from "./clients.module.css";
import { LoadError } from "@/components/ui/load-error";

type DialogState = { mode: "create" } | { mode: "edit"; client: Client } | null;

const EMPTY: Record<ClientFilter, { title: string; text: string }> = {
  active: { title: "No active clients.", text: "Create one, or restore one from Archived." },
  archived: { title: "No archived clients.", text: "Archive a client you no longer work for: its projects and time stay." },
  all: { title: "No clients yet.", text: "Create one here, then pick it when you create a project." },
};

const projectsText = (n: number) => (n === 1 ? "1 project" : `${n} projects`);

export function ClientsPage({ initialFilter }: { initialFilter: ClientFilter }) {
  const clients = useClients();
  const remove = useDeleteClient();
  const [filter, setFilter] = useState<ClientFilter>(initialFilter);
  const [dialog, setDialog] = useState<DialogState>(null);
  const [deleting, setDeleting] = useState<Client | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  const all = clients.data ?? [];
  const of = (f: ClientFilter) => (f === "all" ? all : all.filter((c) => c.archived === (f === "archived")));
  const shown = of(filter);
  const changeFilter = (f: ClientFilter) => {
    setFilter(f);
    rememberFilter("show", f, "active");
  };
  const labels: Record<ClientFilter, string> = { active: "Active", archived: "Archived", all: "All" };

  return (
    <section aria-labelledby="clients-title" className="stack">
      <div className={styles.header}>
        <h1 id="clients-title" className="page-title" ref={heading} tabIndex={-1}>
          Clients
        </h1>
        <Button type="button" onClick={() => setDialog({ mode: "create" })}>
          New client
        </Button>
      </div>
      <FilterTabs
        label="Show clients"
        value={filter}
        onChange={changeFilter}
        options={CLIENT_FILTERS.map((f) => ({ value: f, label: labels[f], count: clients.data && of(f).length }))}
      />
      {clients.isPending ? (
        <Skeleton rows={3} height="3.25rem" />
      ) : clients.isError ? (
        <LoadError what="clients" error={clients.error} onRetry={() => clients.refetch()} />
      ) : all.length === 0 ? (
        <div className="card">
          <EmptyState title="No clients yet.">
            <p>Create one here, then pick it when you create a project.</p>
            <Button type="button" onClick={() => setDialog({ mode: "create" })}>
              Create a client
            </Button>
          </EmptyState>
        </div>
      ) : shown.length === 0 ? (
        <div className="card">
          <EmptyState title={EMPTY[filter].title}>
            <p>{EMPTY[filter].text}</p>
          </EmptyState>
        </div>
      ) : (
        <ul className={styles.list} aria-label={`${shown.length} clients`}>
          {shown.map((c) => (
            <ClientRow
              key={c.id}
              client={c}
              onEdit={() => setDialog({ mode: "edit", client: c })}
              onDelete={() => setDeleting(c)}
              onArchived={(archived) => {
                if (filter !== "all" && archived !== (filter === "archived")) heading.current?.focus();
              }}
            />
          ))}
        </ul>
      )}
      <ClientDialog
        open={dialog !== null}
        onClose={() => setDialog(null)}
        client={dialog?.mode === "edit" ? dialog.client : undefined}
        onSaved={(saved) => {
          setDialog(null);
          if (filter === "archived" && !saved.archived) changeFilter("active");
        }}
      />
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete client “${deleting?.name ?? ""}”?`}
        confirmLabel="Delete client"
        pendingLabel="Deleting…"
        pending={remove.isPending}
        onClose={() => setDeleting(null)}
        onConfirm={() =>
          deleting &&
          remove.mutate(deleting.id, {
            onSuccess: () => {
              setDeleting(null);
              heading.current?.focus();
            },
          })
        }
      >
        <p>
          {!deleting || deleting.project_count === 0
            ? "It has no projects, so nothing else changes."
            : deleting.project_count === 1
              ? "Its project is kept, without a client, with all its tracked time."
              : `Its ${deleting.project_count} projects are kept, without a client, with all their tracked time.`}
        </p>
        <p className="muted">To keep it but hide it, archive it instead.</p>
      </ConfirmDialog>
    </section>
  );
}

function ClientRow({ client, onEdit, onDelete, onArchived }: { client: Client; onEdit: () => void; onDelete: () => void; onArchived: (archived: boolean) => void }) {
  const update = useUpdateClient();
  const details = [client.company, client.phone].filter(Boolean);
  const toggle = (archived: boolean) => update.mutate({ id: client.id, archived }, { onSuccess: () => onArchived(archived) });
  return (
    <li className={styles.row} data-testid="client-row" data-archived={client.archived || undefined}>
      <div className={styles.main}>
        <div className={styles.name}>
          {client.name}
          {client.archived && <span className={styles.badge}>Archived</span>}
        </div>
        <div className={styles.details}>
          {client.email && <a href={`mailto:${client.email}`}>{client.email}</a>}
          {details.map((d) => (
            <span key={d}>{d}</span>
          ))}
          {!client.email && details.length === 0 && <span className="muted">No contact details</span>}
        </div>
      </div>
      <div className={`${styles.count} tabular`}>{projectsText(client.project_count)}</div>
      <div className={styles.actions}>
        <button type="button" className="button button-secondary button-small" onClick={onEdit} aria-label={`Edit ${client.name}`}>
          Edit
        </button>
        {client.archived ? (
          <button type="button" className="button button-secondary button-small" onClick={() => toggle(false)} disabled={update.isPending} aria-label={`Restore ${client.name}`}>
            {update.isPending ? "Restoring…" : "Restore"}
          </button>
        ) : (
          <button type="button" className="button button-secondary button-small" onClick={() => toggle(true)} disabled={update.isPending} aria-label={`Archive ${client.name}`}>
            {update.isPending ? "Archiving…" : "Archive"}
          </button>
        )}
        <button type="button" className="button button-danger button-small" onClick={onDelete} aria-label={`Delete ${client.name}`}>
          Delete
        </button>
      </div>
    </li>
  );
}
