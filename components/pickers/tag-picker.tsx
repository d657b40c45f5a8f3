"use client";

import { Suspense, useCallback, useRef, useState } from "react";
import { useTags } from "@/lib/queries/tags";
import styles from "./pickers.module.css";
import { SearchList } from "./lazy-search-list";
import { useClickOutside } from "./use-click-outside";

type Props = { value: string[]; onChange: (tags: string[]) => void };

/** Chooses tags by name; a new name becomes a tag when the entry is saved. */
export function TagPicker({ value, onChange }: Props) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const close = useCallback(() => setOpen(false), []);
  useClickOutside(ref, open, close);
  const { data: tags = [] } = useTags();
  const chosen = new Set(value.map((v) => v.toLowerCase()));
  const names = [...tags.map((t) => t.name), ...value.filter((v) => !tags.some((t) => t.name.toLowerCase() === v.toLowerCase()))];
  const toggle = (name: string) => onChange(chosen.has(name.toLowerCase()) ? value.filter((v) => v.toLowerCase() !== name.toLowerCase()) : [...value, name]);

  return (
    <div className={styles.wrap} ref={ref}>
      <button type="button" className={styles.trigger} data-empty={value.length === 0} aria-haspopup="listbox" aria-expanded={open} onClick={() => setOpen((o) => !o)} aria-label={`Tags: ${value.join(", ") || "none"}`}>
        <span aria-hidden>#</span>
        <span className="label">{value.length ? value.join(", ") : "Tags"}</span>
      </button>
      <Suspense>
        {open && (
          <SearchList
            multi
            label="Choose tags"
            placeholder="Find or create a tag…"
            options={names.map((n) => ({ key: n, label: n, selected: chosen.has(n.toLowerCase()) }))}
            onPick={(o) => toggle(o.label)}
            onCreate={(name) => {
              if (!name.includes(",")) toggle(name);
            }}
            createLabel={(name) => (name.includes(",") ? "A tag cannot contain a comma" : `Create tag “${name}”`)}
            onClose={close}
          />
        )}
      </Suspense>
    </div>
  );
}
