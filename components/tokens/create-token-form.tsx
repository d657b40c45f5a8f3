"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { fieldError } from "@/lib/queries/fetch";
import { useCreateToken } from "@/lib/queries/tokens";
import { SCOPES, USER_SCOPES, type Scope } from "@/lib/tokens/scopes";
import styles from "./tokens.module.css";

const READ_ONLY: Scope[] = SCOPES.filter((s) => s.startsWith("read:"));
const EXPIRY = [
  { label: "Never", days: "" },
  { label: "30 days", days: "30" },
  { label: "90 days", days: "90" },
  { label: "1 year", days: "365" },
];

type Props = { isAdmin: boolean; onCreated: (token: string, name: string) => void };

/** Name, scopes (with presets) and expiry of a new token; an admin may make it for another user. */
export function CreateTokenForm({ isAdmin, onCreated }: Props) {
  const create = useCreateToken();
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [scopes, setScopes] = useState<Scope[]>(READ_ONLY);
  const [days, setDays] = useState("90");
  const [forUser, setForUser] = useState("");
  const offered = isAdmin ? SCOPES : USER_SCOPES;
  const err = (f: string) => (fieldError(create.error, f) ? [fieldError(create.error, f)!] : undefined);
  const toggle = (s: Scope) => setScopes((old) => (old.includes(s) ? old.filter((x) => x !== s) : [...old, s]));

  return (
    <form
      className="stack"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate(
          { name, description: description || undefined, scopes, expires_in_days: days ? Number(days) : undefined, user_email: forUser.trim() || undefined },
          {
            onSuccess: (res) => {
              onCreated(res.token, res.api_token.name);
              setName("");
              setDescription("");
            },
          },
        );
      }}
    >
      <TextField label="Name" value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. Invoicing script" errors={err("name")} maxLength={100} />
      <TextField label="Description (optional)" value={description} onChange={(e) => setDescription(e.target.value)} maxLength={500} />
      <fieldset className={styles.scopeGrid}>
        <legend>Scopes</legend>
        <div className={styles.presets} style={{ gridColumn: "1 / -1" }}>
          <Button type="button" variant="secondary" className="button-small" onClick={() => setScopes(READ_ONLY)}>
            Read only
          </Button>
          <Button type="button" variant="secondary" className="button-small" onClick={() => setScopes([...USER_SCOPES])}>
            Read and write
          </Button>
        </div>
        {offered.map((s) => (
          <label key={s} className="checkbox">
            <input type="checkbox" checked={scopes.includes(s)} onChange={() => toggle(s)} /> <code>{s}</code>
          </label>
        ))}
        {err("scopes") && <p className="field-error" style={{ gridColumn: "1 / -1" }}>{err("scopes")}</p>}
      </fieldset>
      <div className="field">
        <label htmlFor="token-expiry">Expires</label>
        <select id="token-expiry" className="select" value={days} onChange={(e) => setDays(e.target.value)}>
          {EXPIRY.map((x) => (
            <option key={x.label} value={x.days}>
              {x.label}
            </option>
          ))}
        </select>
      </div>
      {isAdmin && <TextField label="For another user (email, optional)" type="email" value={forUser} onChange={(e) => setForUser(e.target.value)} errors={err("user_email")} hint="As an admin you can make a token for any user." />}
      <div>
        <Button type="submit" disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create token"}
        </Button>
      </div>
    </form>
  );
}
