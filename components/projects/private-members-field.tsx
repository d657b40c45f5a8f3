"use client";

import { useId } from "react";
import { useAssignableMembers } from "@/lib/queries/project-members";
import styles from "./manage.module.css";

type Props = {
  isPrivate: boolean;
  onPrivateChange: (value: boolean) => void;
  memberIds: number[];
  onMemberIdsChange: (ids: number[]) => void;
  error?: string;
};

/** "Private" and, when it is, which members may see the project and book on it (owners and admins always can). */
export function PrivateMembersField({ isPrivate, onPrivateChange, memberIds, onMemberIdsChange, error }: Props) {
  const members = useAssignableMembers(isPrivate);
  const hint = useId();
  const toggle = (id: number, on: boolean) => onMemberIdsChange(on ? [...memberIds, id] : memberIds.filter((m) => m !== id));
  return (
    <fieldset className="field">
      <label className={styles.switchLabel}>
        <input type="checkbox" role="switch" className={styles.switch} checked={isPrivate} onChange={(e) => onPrivateChange(e.target.checked)} aria-describedby={hint} />
        Private
      </label>
      <p className="hint" id={hint}>
        Only the members you choose, and the workspace&apos;s owners and admins, see a private project and track time on it.
      </p>
      {isPrivate && members.data && (
        <div role="group" aria-label="Members of this project">
          {members.data.map((m) => (
            <label key={m.user_id} className={styles.switchLabel}>
              <input type="checkbox" checked={memberIds.includes(m.user_id)} onChange={(e) => toggle(m.user_id, e.target.checked)} />
              {m.name}
            </label>
          ))}
        </div>
      )}
      {error && <p className="field-error">{error}</p>}
    </fieldset>
  );
}
