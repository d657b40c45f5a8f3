"use client";

import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import styles from "./search-list.module.css";

export type ListOption = { key: string; label: string; group?: string; render?: ReactNode; selected?: boolean; meta?: string };

type Props = {
  label: string;
  placeholder: string;
  options: ListOption[];
  onPick: (option: ListOption) => void;
  /** Offer "Create “…”" for a query that matches nothing exactly. */
  onCreate?: (name: string) => void;
  createLabel?: (name: string) => string;
  onClose: () => void;
  multi?: boolean;
  /** Below the list, e.g. a "New project with a client…" button; gets what was typed in the search. */
  footer?: (query: string) => ReactNode;
};

/**
 * A search box over a list (the ARIA combobox pattern): type to filter, arrows to move, Enter to pick,
 * Escape to close. Used by the project, task and tag pickers.
 */
export function SearchList({ label, placeholder, options, onPick, onCreate, createLabel, onClose, multi, footer }: Props) {
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const listId = useId();
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    // What opened the list (the picker's button) gets focus back when the list closes with focus in it.
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    input.current?.focus();
    return () => {
      const lost = !document.activeElement || document.activeElement === document.body;
      if (lost && opener?.isConnected) opener.focus();
    };
  }, []);

  const q = query.trim().toLowerCase();
  const shown = q ? options.filter((o) => o.label.toLowerCase().includes(q)) : options;
  const exact = options.some((o) => o.label.toLowerCase() === q);
  const canCreate = Boolean(onCreate && q && !exact);
  const count = shown.length + (canCreate ? 1 : 0);
  const pick = (index: number) => {
    if (index < shown.length) {
      onPick(shown[index]);
      if (multi) setQuery("");
    } else if (canCreate) {
      onCreate!(query.trim());
      setQuery("");
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "ArrowDown") setActive((a) => Math.min(a + 1, count - 1));
    else if (e.key === "ArrowUp") setActive((a) => Math.max(a - 1, 0));
    else if (e.key === "Enter") pick(active);
    else if (e.key === "Escape") onClose();
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  let lastGroup: string | undefined;
  return (
    <div className={styles.popover}>
      <input
        ref={input}
        className="input"
        role="combobox"
        aria-label={label}
        aria-expanded="true"
        aria-controls={listId}
        aria-activedescendant={count ? `${listId}-${active}` : undefined}
        placeholder={placeholder}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <ul className={styles.list} id={listId} role="listbox" aria-label={label} aria-multiselectable={multi || undefined}>
        {shown.map((o, i) => {
          const header = o.group !== lastGroup && o.group ? <li role="presentation" className={styles.group}>{o.group}</li> : null;
          lastGroup = o.group;
          return [
            header,
            <li
              key={o.key}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={o.selected ?? false}
              data-active={i === active}
              className={styles.option}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => pick(i)}
              onMouseEnter={() => setActive(i)}
            >
              {multi && <span className={styles.check} aria-hidden>{o.selected ? "✓" : ""}</span>}
              {o.render ?? o.label}
              {o.meta && <span className={styles.meta}>{o.meta}</span>}
            </li>,
          ];
        })}
        {canCreate && (
          <li
            id={`${listId}-${shown.length}`}
            role="option"
            aria-selected={false}
            data-active={active === shown.length}
            className={`${styles.option} ${styles.create}`}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => pick(shown.length)}
          >
            {createLabel ? createLabel(query.trim()) : `Create “${query.trim()}”`}
          </li>
        )}
        {count === 0 && <li className={styles.group}>Nothing matches “{query}”.</li>}
      </ul>
      {footer?.(query.trim())}
    </div>
  );
}
