"use client";

import { FieldMessages } from "@/components/ui/field-messages";
import { WEBHOOK_EVENT_TYPES } from "@/lib/webhooks/event-types";
import styles from "./webhooks.module.css";

// `ping` is what "Send test event" sends to one endpoint: nobody needs to subscribe to it.
const CHOOSABLE = WEBHOOK_EVENT_TYPES.filter((e) => e !== "ping");

type Props = { id: string; value: string[]; onChange: (events: string[]) => void; errors?: string[] };

/** "All events" or a choice of event types. `id` goes to the first checkbox (where a refused form puts focus). */
export function EventPicker({ id, value, onChange, errors }: Props) {
  const all = value.includes("*");
  const errorId = errors?.length ? `${id}-error` : undefined;
  const toggle = (event: string) => onChange(value.includes(event) ? value.filter((e) => e !== event) : [...value, event]);
  return (
    <fieldset className={styles.events} aria-describedby={errorId}>
      <legend>Events</legend>
      <label className={`checkbox ${styles.allEvents}`}>
        <input id={id} type="checkbox" checked={all} onChange={() => onChange(all ? [] : ["*"])} /> All events (and those added later)
      </label>
      {CHOOSABLE.map((event) => (
        <label key={event} className="checkbox">
          <input type="checkbox" checked={all || value.includes(event)} disabled={all} onChange={() => toggle(event)} /> <code>{event}</code>
        </label>
      ))}
      <div className={`field ${styles.eventErrors}`}>
        <FieldMessages errorId={errorId} errors={errors} />
      </div>
    </fieldset>
  );
}
