"use client";

import { useId, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { Button } from "@/components/ui/button";
import { useHydrated, useNow } from "./client-hooks";
import { canonicalZone, groupTimeZones, supportedTimeZones, utcOffset, zoneLabel, zoneMatches, type ZoneOption } from "./time-zones";
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

const optionOf = (zone: string, at: Date, note?: string): ZoneOption => {
  const offset = utcOffset(zone, at);
  const label = offset && zone !== "UTC" ? `${zoneLabel(zone)} (${offset})` : zoneLabel(zone);
  return { value: zone, label: note ? `${label} · ${note}` : label };
};

/**
 * Every IANA zone this browser knows, by its current name (Asia/Kolkata, not Calcutta), grouped by
 * region, with the browser's zone suggested first. A search box above the select narrows it by city,
 * region, former name or offset; Enter there picks the first match. The list is built in the browser
 * after hydration (the server's ICU may know other zones); until then the select holds the value only.
 */
export function TimezoneField({ value, saved, onChange, errors }: Props) {
  const id = useId();
  const select = useRef<HTMLSelectElement>(null);
  const [query, setQuery] = useState("");
  const hydrated = useHydrated();
  const now = useNow();
  const browserZone = hydrated ? canonicalZone(Intl.DateTimeFormat().resolvedOptions().timeZone) : undefined;
  const current = canonicalZone(value);
  // Offsets are computed once per list (418 zones), not on every key typed in the search.
  const base = useMemo(
    () => (hydrated ? groupTimeZones([...supportedTimeZones(), canonicalZone(saved), current], new Date()) : null),
    [hydrated, saved, current],
  );
  const groups = useMemo(() => {
    if (!base) return null;
    const at = new Date();
    const all = base.map((g) => ({ ...g, zones: g.zones.filter((z) => zoneMatches(z.value, query, z.label)) }));
    const matches = all.flatMap((g) => g.zones);
    // The browser's zone first; the current one too while the search hides it (the select must hold its value).
    const suggested = [
      ...(browserZone ? [optionOf(browserZone, at, "this browser")] : []),
      ...(current !== browserZone && !matches.some((z) => z.value === current) ? [optionOf(current, at)] : []),
    ];
    const rest = all
      .map((g) => ({ ...g, zones: g.zones.filter((z) => !suggested.some((s) => s.value === z.value)) }))
      .filter((g) => g.zones.length > 0);
    return { suggested, rest, matches };
  }, [base, current, browserZone, query]);
  const hintId = `${id}-hint`;
  const errorId = errors?.length ? `${id}-error` : undefined;
  const localTime = now ? timeIn(current, now) : null;
  const first = query.trim() && groups ? groups.matches[0] : undefined;

  const onSearchKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "Enter") {
      e.preventDefault(); // not the form's submit
      if (first) {
        onChange(first.value);
        setQuery("");
        select.current?.focus();
      }
    } else if (e.key === "Escape" && query) {
      e.preventDefault();
      setQuery("");
    }
  };

  return (
    <div className="field">
      <label htmlFor={id}>Time zone</label>
      <input
        type="search"
        className={`input ${styles.zoneSearch}`}
        aria-label="Search zones"
        aria-controls={id}
        aria-describedby={`${id}-matches`}
        placeholder="Search: city, region or offset (Kolkata, +05:30)"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={onSearchKey}
        autoComplete="off"
        disabled={!hydrated}
      />
      <p id={`${id}-matches`} className={`hint ${styles.zoneMatches}`} role="status">
        {groups && query.trim()
          ? groups.matches.length === 0
            ? `No zone matches “${query.trim()}”.`
            : `${groups.matches.length === 1 ? "1 zone matches" : `${groups.matches.length} zones match`}: Enter picks ${first!.label}, or choose below.`
          : ""}
      </p>
      <select
        ref={select}
        id={id}
        name="timezone"
        className={`select ${styles.wide}`}
        value={current}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ")}
      >
        {groups ? (
          <>
            <optgroup label="Suggested">
              {groups.suggested.map((zone) => (
                <option key={`suggested-${zone.value}`} value={zone.value}>
                  {zone.label}
                </option>
              ))}
            </optgroup>
            {groups.rest.map((group) => (
              <optgroup key={group.region} label={group.region}>
                {group.zones.map((zone) => (
                  <option key={zone.value} value={zone.value}>
                    {zone.label}
                  </option>
                ))}
              </optgroup>
            ))}
          </>
        ) : (
          <option value={current}>{zoneLabel(current)}</option>
        )}
      </select>
      <p className="hint" id={hintId}>
        {localTime && now ? (
          <span data-testid="zone-local-time">
            It is {localTime} there ({utcOffset(current, now)}).{" "}
          </span>
        ) : null}
        “Today” and “this week” follow this zone.
      </p>
      {errorId && (
        <p className="field-error" id={errorId}>
          {errors!.join(" ")}
        </p>
      )}
      {browserZone && browserZone !== canonicalZone(saved) && browserZone !== current && (
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
