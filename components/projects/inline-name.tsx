"use client";

import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { fieldError } from "@/lib/queries/fetch";
import styles from "./manage.module.css";

type Props = {
  /** What is being renamed, for labels: "tag", "task"... */
  noun: string;
  name: string;
  /** Saves the new name; rejects with the API's error (its field message on `name` is shown). */
  onSave: (name: string) => Promise<unknown>;
  /** How the name looks when not being edited. */
  children: ReactNode;
  /** Hide the Rename button (e.g. read-only). */
  disabled?: boolean;
  /** More buttons kept beside Rename (hidden while editing), e.g. Delete. */
  extra?: ReactNode;
};

/**
 * A name that turns into a text box: Enter (or Save) saves, Escape (or Cancel) puts it back. Focus returns
 * to the Rename button afterwards, and a refused name keeps the box open with the reason under it.
 */
export function InlineName({ noun, name, onSave, children, disabled, extra }: Props) {
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(name);
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const renameButton = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);
  const errorId = useId();

  useEffect(() => {
    if (editing) input.current?.select();
    else if (returnFocus.current) {
      returnFocus.current = false;
      renameButton.current?.focus();
    }
  }, [editing]);

  const start = () => {
    setValue(name);
    setError(null);
    setEditing(true);
  };
  const stop = () => {
    returnFocus.current = true;
    setEditing(false);
    setError(null);
  };
  const save = async () => {
    if (value.trim() === name) return stop();
    setPending(true);
    try {
      await onSave(value);
      stop();
    } catch (e) {
      setError(e);
      input.current?.focus();
    } finally {
      setPending(false);
    }
  };

  if (!editing) {
    return (
      <div className={styles.inlineName}>
        <div className={styles.inlineText}>{children}</div>
        <div className={styles.inlineActions}>
          {!disabled && (
            <button ref={renameButton} type="button" className="button button-secondary button-small" onClick={start} aria-label={`Rename ${noun} ${name}`}>
              Rename
            </button>
          )}
          {extra}
        </div>
      </div>
    );
  }
  // Other errors (the network, a server fault) are already a toast: the box stays open to try again.
  const message = fieldError(error, "name");
  return (
    <form
      className={styles.inlineForm}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <div className={`field ${styles.inlineField}`}>
        <input
          ref={input}
          className="input"
          value={value}
          onChange={(e) => {
            setValue(e.target.value);
            setError(null);
          }}
          onKeyDown={(e) => {
            if (e.key === "Escape") {
              e.preventDefault();
              e.stopPropagation();
              stop();
            }
          }}
          aria-label={`New name for ${noun} ${name}`}
          aria-invalid={message ? true : undefined}
          aria-describedby={message ? errorId : undefined}
          maxLength={200}
          readOnly={pending}
        />
        {message && (
          <p className="field-error" id={errorId}>
            {message}
          </p>
        )}
      </div>
      <div className="row">
        <button type="submit" className="button button-small" disabled={pending}>
          {pending ? "Saving…" : "Save"}
        </button>
        <button type="button" className="button button-secondary button-small" onClick={stop}>
          Cancel
        </button>
      </div>
    </form>
  );
}
