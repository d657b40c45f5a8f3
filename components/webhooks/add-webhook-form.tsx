"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { fieldErrorsOf, type FieldErrors } from "@/lib/errors";
import { ApiError } from "@/lib/queries/fetch";
import { createWebhookSchema } from "@/lib/webhooks/schema";
import { EventPicker } from "./event-picker";
import { useCreateWebhook, type WebhookInfo } from "./queries";

type Props = { workspaceId: number; onCreated: (created: { webhook: WebhookInfo; secret: string }) => void };

// The fields in the order they are shown: a refused form puts the cursor in the first one with an error.
const FIELDS = ["url", "events", "description"] as const;
const errorsOf = (fields: FieldErrors, name: string) => {
  const found = Object.entries(fields).flatMap(([key, messages]) => (key === name || key.startsWith(`${name}.`) ? messages : []));
  return found.length ? [...new Set(found)] : undefined;
};

/** URL, events and a description of a new endpoint, checked with the API's own schema before it is sent. */
export function AddWebhookForm({ workspaceId, onCreated }: Props) {
  const create = useCreateWebhook(workspaceId);
  const idBase = useId();
  const [url, setUrl] = useState("");
  const [events, setEvents] = useState<string[]>(["*"]);
  const [description, setDescription] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});

  const focusFirstError = (fields: FieldErrors) => {
    const first = FIELDS.find((f) => errorsOf(fields, f));
    if (first) document.getElementById(`${idBase}-${first}`)?.focus();
  };

  const submit = () => {
    const parsed = createWebhookSchema.safeParse({ url, events, description });
    if (!parsed.success) {
      const fields = fieldErrorsOf(parsed.error);
      setErrors(fields);
      focusFirstError(fields);
      return;
    }
    setErrors({});
    create.mutate(parsed.data, {
      onSuccess: (created) => {
        setUrl("");
        setDescription("");
        setEvents(["*"]);
        onCreated(created);
      },
      onError: (error) => {
        // The server's checks (a private address, the workspace's limit): beside the field they concern.
        if (error instanceof ApiError && Object.keys(error.fields).length) {
          setErrors(error.fields);
          focusFirstError(error.fields);
        }
      },
    });
  };

  return (
    <form
      className="stack"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <TextField
        id={`${idBase}-url`}
        label="Payload URL"
        type="url"
        inputMode="url"
        autoComplete="off"
        spellCheck={false}
        placeholder="https://example.com/stint-webhook"
        value={url}
        onChange={(e) => setUrl(e.target.value)}
        errors={errorsOf(errors, "url")}
        hint="Stint POSTs JSON here; any 2xx answer counts as delivered."
      />
      <EventPicker id={`${idBase}-events`} value={events} onChange={setEvents} errors={errorsOf(errors, "events")} />
      <TextField
        id={`${idBase}-description`}
        label="Description (optional)"
        value={description}
        onChange={(e) => setDescription(e.target.value)}
        errors={errorsOf(errors, "description")}
        placeholder="e.g. Invoicing system"
      />
      <div>
        <Button type="submit" disabled={create.isPending}>
          {create.isPending ? "Adding…" : "Add webhook"}
        </Button>
      </div>
    </form>
  );
}
