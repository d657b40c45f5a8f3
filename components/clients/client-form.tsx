"use client";

import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { TextField } from "@/components/ui/text-field";
import { useCreateClient, useUpdateClient } from "@/lib/queries/clients";
import { fieldError } from "@/lib/queries/fetch";
import type { Client } from "@/lib/queries/types";
import styles from "./clients.module.css";

type Props = { open: boolean; onClose: () => void; client?: Client; onSaved: (c: Client) => void };

/** Create or edit a client in a dialog (a taken name is explained under the name). */
export function ClientDialog({ open, onClose, client, onSaved }: Props) {
  return (
    <Dialog open={open} onClose={onClose} title={client ? `Edit ${client.name}` : "New client"}>
      <ClientForm client={client} onCancel={onClose} onSaved={onSaved} />
    </Dialog>
  );
}

function ClientForm({ client, onCancel, onSaved }: { client?: Client; onCancel: () => void; onSaved: (c: Client) => void }) {
  const create = useCreateClient();
  const update = useUpdateClient();
  const mutation = client ? update : create;
  const form = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState({ name: client?.name ?? "", email: client?.email ?? "", company: client?.company ?? "", phone: client?.phone ?? "" });

  useEffect(() => {
    if (mutation.error) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [mutation.error]);

  const field = (name: keyof typeof values) => {
    const error = fieldError(mutation.error, name);
    return { value: values[name], onChange: (e: React.ChangeEvent<HTMLInputElement>) => setValues({ ...values, [name]: e.target.value }), errors: error ? [error] : undefined };
  };

  return (
    <form
      ref={form}
      className={styles.form}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (client) update.mutate({ id: client.id, ...values }, { onSuccess: onSaved });
        else create.mutate(values, { onSuccess: onSaved });
      }}
    >
      <TextField label="Name" required maxLength={200} autoComplete="off" {...field("name")} />
      <TextField label="Email (optional)" type="email" autoComplete="off" {...field("email")} />
      <div className={styles.pair}>
        <TextField label="Company (optional)" maxLength={200} autoComplete="off" {...field("company")} />
        <TextField label="Phone (optional)" type="tel" maxLength={50} autoComplete="off" {...field("phone")} />
      </div>
      <div className="dialog-actions">
        <Button type="button" variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" disabled={mutation.isPending}>
          {mutation.isPending ? "Saving…" : client ? "Save changes" : "Create client"}
        </Button>
      </div>
    </form>
  );
}
