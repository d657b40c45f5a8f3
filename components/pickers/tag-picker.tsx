"use client";

import { Suspense, useCallback, useRef, useState } from "react";
import { useTags } from "@/lib/queries/tags";
import styles from "./pickers.module.css";
import { TagList } from "./lazy-picker-lists";
import { useClickOutside } from "./use-click-outside";

type Props = { value: string[]; onChange: (tags: string[]) => void; /** See ProjectPicker. */ hydrating?: boolean };

/** Chooses tags by name; a new name becomes a tag when the entry is saved. */
export function TagPicker({ value, onChange, hydrating }: Props) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const close = useCallback(() => setOpen(false), []);
  useClickOutside(ref, open, close);
  const { data: tags = [] } = useTags();

  return (
    <div className={styles.wrap} ref={ref}>
      <button type="button" className={styles.trigger} disabled={hydrating} data-empty={value.length === 0} aria-haspopup="listbox" aria-expanded={open} onClick={() => setOpen((o) => !o)} aria-label={`Tags: ${value.join(", ") || "none"}`}>
        <span aria-hidden>#</span>
        <span className="label">{value.length ? value.join(", ") : "Tags"}</span>
      </button>
      <Suspense>
        {open && (
          <TagList value={value} tagNames={tags.map((t) => t.name)} onChange={onChange} onClose={close} />
        )}
      </Suspense>
    </div>
  );
}
