"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { TextField } from "@/components/ui/text-field";
import { useClients, useCreateClient } from "@/lib/queries/clients";
import { fieldError } from "@/lib/queries/fetch";
import { useCreateProject } from "@/lib/queries/projects";
import type { Project } from "@/lib/queries/types";

type Props = { name: string | null; onClose: () => void; onCreated: (project: Project) => void };

const NEW_CLIENT = "new";

/** Creates a project (and, if asked, its client) without leaving the timer. */
export function NewProjectDialog({ name, onClose, onCreated }: Props) {
  return (
    <Dialog open={name !== null} onClose={onClose} title="New project">
      {name !== null && <NewProjectForm initialName={name} onClose={onClose} onCreated={onCreated} />}
    </Dialog>
  );
}

function NewProjectForm({ initialName, onClose, onCreated }: { initialName: string; onClose: () => void; onCreated: (p: Project) => void }) {
  const [projectName, setProjectName] = useState(initialName);
  const [clientChoice, setClientChoice] = useState("");
  const [clientName, setClientName] = useState("");
  const { data: clients = [] } = useClients();
  const createClient = useCreateClient();
  const createProject = useCreateProject();
  const pending = createClient.isPending || createProject.isPending;

  const submit = async () => {
    let clientId: number | null = clientChoice && clientChoice !== NEW_CLIENT ? Number(clientChoice) : null;
    if (clientChoice === NEW_CLIENT) {
      const client = await createClient.mutateAsync({ name: clientName }).catch(() => null);
      if (!client) return;
      clientId = client.id;
      setClientChoice(String(client.id));
    }
    const project = await createProject.mutateAsync({ name: projectName, client_id: clientId }).catch(() => null);
    if (project) onCreated(project);
  };

  return (
    <form
      className="stack"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <TextField label="Project name" value={projectName} onChange={(e) => setProjectName(e.target.value)} autoFocus errors={fieldError(createProject.error, "name") ? [fieldError(createProject.error, "name")!] : undefined} />
      <div className="field">
        <label htmlFor="new-project-client">Client</label>
        <select id="new-project-client" className="select" value={clientChoice} onChange={(e) => setClientChoice(e.target.value)}>
          <option value="">No client</option>
          {clients
            .filter((c) => !c.archived)
            .map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          <option value={NEW_CLIENT}>+ New client…</option>
        </select>
      </div>
      {clientChoice === NEW_CLIENT && (
        <TextField label="New client's name" value={clientName} onChange={(e) => setClientName(e.target.value)} errors={fieldError(createClient.error, "name") ? [fieldError(createClient.error, "name")!] : undefined} />
      )}
      <div className="dialog-actions">
        <Button type="button" variant="secondary" onClick={onClose}>
          Cancel
        </Button>
        <Button type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create project"}
        </Button>
      </div>
    </form>
  );
}
