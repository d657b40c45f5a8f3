"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { TextField } from "@/components/ui/text-field";

type Props = { open: boolean; title: string; initial: string; submitLabel: string; pending: boolean; error?: string; hint?: string; onSubmit: (name: string) => void; onClose: () => void };

/** A saved report's name, asked for when saving and when renaming (the API's message under the field). */
export function NameDialog({ open, title, initial, submitLabel, pending, error, hint, onSubmit, onClose }: Props) {
  const [name, setName] = useState(initial);
  return (
    <Dialog open={open} onClose={onClose} title={title}>
      <form
        className="stack"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit(name);
        }}
      >
        <TextField label="Name" value={name} onChange={(e) => setName(e.target.value)} maxLength={100} required autoFocus errors={error ? [error] : undefined} hint={hint} />
        <div className="dialog-actions">
          <Button type="button" variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={pending}>
            {pending ? "Saving…" : submitLabel}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
