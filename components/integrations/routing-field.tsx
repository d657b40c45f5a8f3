"use client";

import { useId } from "react";
import { useUpdateRouting, type Connection } from "./queries";

type Rule = Connection["routing"]["rule"];

/** "Entries sent": the connection's routing rule. Chosen projects are set through the API
 *  (PATCH /integrations/{id}); here that rule is shown and can be left for another. */
export function RoutingField({ connection: c }: { connection: Connection }) {
  const id = useId();
  const update = useUpdateRouting();
  const options: { value: Rule; label: string }[] = [
    ...(c.jobs.includes("import_projects") ? [{ value: "imported_projects" as const, label: "Entries on its imported projects" }] : []),
    { value: "workspace", label: "All your entries" },
    { value: "accepted_suggestions", label: "Only entries from accepted suggestions (Review)" },
    ...(c.routing.rule === "projects" ? [{ value: "projects" as const, label: `Your entries in ${c.routing.project_ids.length} chosen projects` }] : []),
    { value: "none", label: "Nothing" },
  ];
  return (
    <div className="field">
      <label htmlFor={id}>Entries sent</label>
      <select id={id} className="select" value={c.routing.rule} disabled={update.isPending} onChange={(e) => update.mutate({ id: c.id, rule: e.target.value as Rule })}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
