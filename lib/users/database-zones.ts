import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { queryRows } from "@/db/rows";
import { AppError } from "@/lib/errors";

// Node (Intl, luxon) and the database each carry their own time-zone data, and they differ: Node still
// knows "US/Pacific-New", PostgreSQL built on a newer tzdata does not, and every query that says
// `at time zone 'US/Pacific-New'` fails. A zone is only usable when both know it. The database's list
// is read once per database handle and process (pg_timezone_names reads every zone file: not per request).

const known = new WeakMap<object, Promise<Set<string>>>();

function databaseZones(db: Db): Promise<Set<string>> {
  let zones = known.get(db);
  if (!zones) {
    zones = queryRows<{ name: string }>(db, sql`select name from pg_timezone_names`).then((rows) => new Set(rows.map((r) => r.name.toLowerCase())));
    // A failed read (the database briefly away) is not remembered: the next call asks again.
    zones.catch(() => known.delete(db));
    known.set(db, zones);
  }
  return zones;
}

/** Does the database know this zone name? (Names are compared as PostgreSQL does: ignoring case.) */
export async function databaseKnowsZone(db: Db, zone: string): Promise<boolean> {
  return (await databaseZones(db)).has(zone.toLowerCase());
}

/** Intl's canonical name of a zone (a link such as "US/Pacific-New" resolves to "America/Los_Angeles"). */
function canonicalZone(zone: string): string | null {
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/**
 * The name to give the database for a user's stored zone: the zone itself, or, for one stored before
 * zones were checked against the database, its canonical name (the same rules, so SQL and the luxon
 * side agree on every midnight). A 400 that says what to do when neither is known.
 */
export async function sqlTimeZone(db: Db, zone: string): Promise<string> {
  if (await databaseKnowsZone(db, zone)) return zone;
  const canonical = canonicalZone(zone);
  if (canonical && (await databaseKnowsZone(db, canonical))) return canonical;
  throw new AppError("bad_request", `Your time zone ${zone} is not known to the database: choose another one in Settings.`);
}
