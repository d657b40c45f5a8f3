"use client";

import { useId, useMemo, useRef } from "react";
import { Button } from "@/components/ui/button";
import { useHydrated, useNow } from "./client-hooks";
import { groupTimeZones, supportedTimeZones, utcOffset, zoneLabel } from "./time-zones";
import styles from "./settings.module.css";

type Props = {
  value: string;
  /** The zone saved on the account (the browser's zone is offered when it differs). */
  saved: string;
  onChange(zone: string): void;
  errors?: string[];
};

function timeIn(zone: string, at: Date): string | null {
  try {
    return new Intl.DateTimeFormat(undefined, { timeZone: zone, weekday: "long", hour: "numeric", minute: "2-digit" }).format(at);
  } catch {
    return null;
  }
}

/**
 * Every IANA zone this browser knows, grouped by region, with the time there now. The list is built in
 * the browser after hydration (the server's ICU may know other zones); until then the select holds the
 * current value only.
 */
export function TimezoneField({ value, saved, onChange, errors }: Props) {
  const id = useId();
  const select = useRef<HTMLSelectElement>(null);
  const hydrated = useHydrated();
  const now = useNow();
  const browserZone = hydrated ? Intl.DateTimeFormat().resolvedOptions().timeZone : undefined;
  const groups = useMemo(
    () => (hydrated ? groupTimeZones([...supportedTimeZones(), saved, value, ...(browserZone ? [browserZone] : [])], new Date()) : null),
    [hydrated, saved, value, browserZone],
  );
  const hintId = `${id}-hint`;
  const errorId = errors?.length ? `${id}-error` : undefined;
  const localTime = now ? timeIn(value, now) : null;

  return (
    <div className="field">
      <label htmlFor={id}>Time zone</label>
      <select
        ref={select}
        id={id}
        name="timezone"
        className={`select ${styles.wide}`}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ")}
      >
        {groups ? (
          groups.map((group) => (
            <optgroup key={group.region} label={group.region}>
              {group.zones.map((zone) => (
                <option key={zone.value} value={zone.value}>
                  {zone.label}
                </option>
              ))}
            </optgroup>
          ))
        ) : (
          <option value={value}>{zoneLabel(value)}</option>
        )}
      </select>
      <p className="hint" id={hintId}>
        {localTime && now ? (
          <span data-testid="zone-local-time">
            It is {localTime} there ({utcOffset(value, now)}).{" "}
          </span>
        ) : null}
        “Today” and “this week” follow this zone.
      </p>
      {errorId && (
        <p className="field-error" id={errorId}>
          {errors!.join(" ")}
        </p>
      )}
      {browserZone && browserZone !== saved && browserZone !== value && (
        <div>
          <Button
            type="button"
            variant="secondary"
            className="button-small"
            onClick={() => {
              onChange(browserZone);
              select.current?.focus(); // the button goes away once its zone is picked
            }}
          >
            Use this browser's zone ({browserZone})
          </Button>
        </div>
      )}
    </div>
  );
}
