"use client";

import Link from "next/link";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { fieldError } from "@/lib/queries/fetch";
import { type SavedReportInfo, useDeleteSavedReport, useSaveReport, useSavedReports, useUpdateSavedReport } from "@/lib/queries/saved-reports";
import { NameDialog } from "./name-dialog";
import { ShareDialog } from "./share-dialog";
import styles from "./saved-reports.module.css";

type Open = { kind: "save" } | { kind: "rename" | "share" | "delete"; report: SavedReportInfo } | null;

/** "Save report", and the member's saved reports: open (its params become the page's URL), rename, share, delete. */
export function SavedReports({ query }: { query: string }) {
  const saved = useSavedReports();
  const save = useSaveReport();
  const update = useUpdateSavedReport();
  const remove = useDeleteSavedReport();
  const [open, setOpen] = useState<Open>(null);
  const [listOpen, setListOpen] = useState(false);
  const [status, setStatus] = useState("");
  const listId = useId();
  const close = () => {
    setOpen(null);
    save.reset();
    update.reset();
  };
  const current = saved.data?.find((r) => r.params === query);
  // The saved report opened last from the list: once the filters change, it can take the new ones.
  const [openedId, setOpenedId] = useState<number | null>(null);
  const opened = current ? undefined : saved.data?.find((r) => r.id === openedId);

  return (
    <div className={styles.panel}>
      <div className={styles.bar}>
        <Button type="button" className="button-small" onClick={() => setOpen({ kind: "save" })}>
          Save report
        </Button>
        <Button type="button" variant="secondary" className="button-small" aria-expanded={listOpen} aria-controls={listId} onClick={() => setListOpen((v) => !v)}>
          Saved reports{saved.data ? ` (${saved.data.length})` : ""}
        </Button>
        {current && <span className="muted">Showing “{current.name}”</span>}
        {opened && (
          <Button
            type="button"
            variant="secondary"
            className="button-small"
            disabled={update.isPending}
            onClick={() => update.mutate({ id: opened.id, params: query }, { onSuccess: (r) => setStatus(`${r.name} now saves this report.`) })}
          >
            Update “{opened.name}”
          </Button>
        )}
        <span className="visually-hidden" role="status">
          {status}
        </span>
      </div>
      {listOpen && (
        <div id={listId}>
          {saved.isPending ? (
            <p className="muted">Loading…</p>
          ) : !saved.data?.length ? (
            <p className="muted">No saved reports yet: set the filters and grouping, then Save report.</p>
          ) : (
            <SavedReportList reports={saved.data} currentId={current?.id} onOpen={setOpenedId} onAction={(kind, report) => setOpen({ kind, report })} />
          )}
        </div>
      )}

      {open?.kind === "save" && (
        <NameDialog
          open
          title="Save report"
          initial=""
          submitLabel="Save"
          hint="The range, filters, grouping and rounding on screen are saved."
          pending={save.isPending}
          error={fieldError(save.error, "name") ?? fieldError(save.error, "params")}
          onClose={close}
          onSubmit={(name) =>
            save.mutate(
              { name, params: query },
              {
                onSuccess: (r) => {
                  close();
                  setListOpen(true);
                  setStatus(`Saved as ${r.name}.`);
                },
              },
            )
          }
        />
      )}
      {open?.kind === "rename" && (
        <NameDialog
          open
          title={`Rename "${open.report.name}"`}
          initial={open.report.name}
          submitLabel="Rename"
          pending={update.isPending}
          error={fieldError(update.error, "name")}
          onClose={close}
          onSubmit={(name) =>
            update.mutate(
              { id: open.report.id, name },
              { onSuccess: (r) => {
                  close();
                  setStatus(`Renamed to ${r.name}.`);
                },
              })
          }
        />
      )}
      {open?.kind === "share" && <ShareDialog report={open.report} onClose={close} />}
      <ConfirmDialog
        open={open?.kind === "delete"}
        title="Delete saved report?"
        confirmLabel="Delete"
        pendingLabel="Deleting…"
        pending={remove.isPending}
        onClose={close}
        onConfirm={() => {
          if (open?.kind !== "delete") return;
          remove.mutate(open.report.id, {
            onSuccess: () => {
              setStatus(`Deleted ${open.report.name}.`);
              close();
            },
          });
        }}
      >
        <p>{open?.kind === "delete" ? `“${open.report.name}” will be deleted, and its share links will stop working.` : ""}</p>
      </ConfirmDialog>
    </div>
  );
}

type ListProps = { reports: SavedReportInfo[]; currentId?: number; onOpen: (id: number) => void; onAction: (kind: "rename" | "share" | "delete", report: SavedReportInfo) => void };

/** The member's saved reports: each opens as a link (its params become the page's URL), with its actions. */
function SavedReportList({ reports, currentId, onOpen, onAction }: ListProps) {
  return (
    <ul className={styles.list} aria-label="Saved reports" data-testid="saved-reports">
      {reports.map((r) => (
        <li key={r.id} className={styles.item} data-testid="saved-report">
          <Link className={styles.grow} href={`/reports?${r.params}`} aria-current={r.id === currentId ? "page" : undefined} onClick={() => onOpen(r.id)}>
            {r.name}
          </Link>
          <Button type="button" variant="secondary" className="button-small" onClick={() => onAction("rename", r)} aria-label={`Rename ${r.name}`}>
            Rename
          </Button>
          <Button type="button" variant="secondary" className="button-small" onClick={() => onAction("share", r)} aria-label={`Share ${r.name}`}>
            Share
          </Button>
          <Button type="button" variant="secondary" className="button-small" onClick={() => onAction("delete", r)} aria-label={`Delete ${r.name}`}>
            Delete
          </Button>
        </li>
      ))}
    </ul>
  );
}
