"use client";

import { useId, useRef, useState } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { InlineName } from "@/components/projects/inline-name";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { TextField } from "@/components/ui/text-field";
import { fieldError } from "@/lib/queries/fetch";
import { useCreateTag, useDeleteTag, useRenameTag, useTags } from "@/lib/queries/tags";
import type { Tag } from "@/lib/queries/types";
import styles from "./tags.module.css";
import { LoadError } from "@/components/ui/load-error";

const entriesText = (n: number) => (n === 1 ? "1 entry" : `${n} entries`);

export function TagsPage() {
  const tags = useTags();
  const create = useCreateTag();
  const rename = useRenameTag();
  const remove = useDeleteTag();
  const [name, setName] = useState("");
  const [deleting, setDeleting] = useState<Tag | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const nameId = useId();
  const nameError = fieldError(create.error, "name");

  return (
    <section aria-labelledby="tags-title" className="stack">
      <h1 id="tags-title" className="page-title" ref={heading} tabIndex={-1}>
        Tags
      </h1>
      <form
        className={`card ${styles.newTag}`}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate(name, {
            onSuccess: () => {
              setName("");
              create.reset();
              document.getElementById(nameId)?.focus();
            },
          });
        }}
      >
        <div className={styles.newTagField}>
          <TextField
            id={nameId}
            label="New tag"
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              if (create.error) create.reset();
            }}
            placeholder="e.g. meeting"
            maxLength={50}
            autoComplete="off"
            errors={nameError ? [nameError] : undefined}
          />
        </div>
        <Button type="submit" disabled={create.isPending}>
          {create.isPending ? "Adding…" : "Add tag"}
        </Button>
        <p className={`muted ${styles.explain}`}>Tags label time entries across projects. A tag typed on an entry is created too.</p>
      </form>
      {tags.isPending ? (
        <Skeleton rows={4} />
      ) : tags.isError ? (
        <LoadError what="tags" error={tags.error} onRetry={() => tags.refetch()} />
      ) : tags.data.length === 0 ? (
        <div className="card">
          <EmptyState title="No tags yet.">
            <p>Add one above, or type one on a time entry.</p>
          </EmptyState>
        </div>
      ) : (
        <ul className={styles.list} aria-label={`${tags.data.length} tags`}>
          {tags.data.map((tag) => (
            <li key={tag.id} className={styles.row} data-testid="tag-row">
              <div className={styles.name}>
                <InlineName
                  noun="tag"
                  name={tag.name}
                  onSave={(next) => rename.mutateAsync({ id: tag.id, name: next })}
                  extra={
                    <button type="button" className="button button-danger button-small" onClick={() => setDeleting(tag)} aria-label={`Delete tag ${tag.name}`}>
                      Delete
                    </button>
                  }
                >
                  <span className={styles.tag}>{tag.name}</span>
                  <span className={`${styles.usage} muted tabular`}>{entriesText(tag.entries)}</span>
                </InlineName>
              </div>
            </li>
          ))}
        </ul>
      )}
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete tag “${deleting?.name ?? ""}”?`}
        confirmLabel="Delete tag"
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
          {deleting && deleting.entries > 0
            ? `It is removed from the ${entriesText(deleting.entries)} that ${deleting.entries === 1 ? "has" : "have"} it; the entries themselves and their time stay.`
            : "No time entry uses it."}
        </p>
      </ConfirmDialog>
    </section>
  );
}
