"use client";

import { useId, useState, type FormEvent } from "react";
import { numberOrNull } from "@/components/projects/format";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { TextField } from "@/components/ui/text-field";
import { ApiError } from "@/lib/queries/fetch";
import { useUpdateMember, type MemberInfo, type MemberPatch, type WorkspaceRoleName } from "@/lib/queries/workspaces";
import { ROLE_LABEL, rateOf } from "./abilities";
import styles from "./workspaces.module.css";

type Props = { member: MemberInfo | null; workspaceId: number; roles: WorkspaceRoleName[]; onClose: () => void; onSaved: (name: string) => void };

/** A member's role and hourly rate, in a dialog opened from their row. */
export function MemberDialog({ member, workspaceId, roles, onClose, onSaved }: Props) {
  return (
    <Dialog open={member !== null} onClose={onClose} title={member ? `Edit ${member.name}` : "Edit member"}>
      {member && <MemberForm key={member.user_id} member={member} workspaceId={workspaceId} roles={roles} onClose={onClose} onSaved={onSaved} />}
    </Dialog>
  );
}

function MemberForm({ member, workspaceId, roles, onClose, onSaved }: Omit<Props, "member"> & { member: MemberInfo }) {
  const roleId = useId();
  const update = useUpdateMember(workspaceId);
  const savedRate = rateOf(member.hourly_rate);
  const [role, setRole] = useState<WorkspaceRoleName>(member.role);
  const [rate, setRate] = useState(savedRate === null ? "" : String(savedRate));
  const fields = update.error instanceof ApiError ? update.error.fields : {};
  const options = roles.includes(member.role) ? roles : [member.role, ...roles];

  function submit(event: FormEvent) {
    event.preventDefault();
    const patch: MemberPatch = {};
    if (role !== member.role) patch.role = role;
    const newRate = numberOrNull(rate);
    if (newRate !== savedRate) patch.hourly_rate = newRate as number | null;
    if (Object.keys(patch).length === 0) return onClose();
    update.mutate({ userId: member.user_id, patch }, { onSuccess: () => onSaved(member.name) });
  }

  return (
    <form className={styles.form} onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={roleId}>Role</label>
        <select id={roleId} name="role" className="select" value={role} onChange={(e) => setRole(e.target.value as WorkspaceRoleName)}>
          {options.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABEL[r]}
            </option>
          ))}
        </select>
        {fields.role && <p className="field-error">{fields.role.join(" ")}</p>}
      </div>
      <TextField
        label="Hourly rate"
        name="hourly_rate"
        inputMode="decimal"
        value={rate}
        onChange={(e) => setRate(e.target.value)}
        hint="This member's rate in this workspace. Leave empty to use the workspace's default."
        errors={fields.hourly_rate}
      />
      {update.error && !Object.keys(fields).length && <p className="form-alert">{update.error.message}</p>}
      <div className="dialog-actions">
        <Button type="button" variant="secondary" onClick={onClose}>
          Cancel
        </Button>
        <Button type="submit" disabled={update.isPending}>
          {update.isPending ? "Saving…" : "Save"}
        </Button>
      </div>
    </form>
  );
}
