import type { Db } from "@/db";
import { reportRows } from "./run-sql";
import type { MemberActor } from "@/lib/workspaces/actor";
import { reportContext } from "./access";
import { groupedSql } from "./grouped-sql";
import { groupLabels } from "./labels";
import { projectGroupProgress, type ProjectGroupProgress } from "./project-progress";
import { TIME_KEYS, type GroupKey, type GroupedReportQuery } from "./query-schema";

type SqlRow = {
  level: number;
  k1: string | null;
  k2: string | null;
  seconds: number | null;
  billable_seconds: number | null;
  rounded_seconds: number | null;
  rounded_billable_seconds: number | null;
  amount: string | null;
  rounded_amount: string | null;
  entries: number;
};

export type ReportFigures = {
  entries: number;
  seconds: number;
  billable_seconds: number;
  rounded_seconds: number;
  rounded_billable_seconds: number;
  /** Billable seconds × rate in the workspace's currency, to the cent (computed in numeric); null when no entry has a rate. */
  amount: number | null;
  rounded_amount: number | null;
};

export type ReportGroup = ReportFigures & { group: GroupKey; id: number | null; key: string | null; name: string; color?: string; groups?: ReportGroup[] } & Partial<ProjectGroupProgress>;

const figures = (r: SqlRow): ReportFigures => ({
  entries: Number(r.entries ?? 0),
  seconds: Number(r.seconds ?? 0),
  billable_seconds: Number(r.billable_seconds ?? 0),
  rounded_seconds: Number(r.rounded_seconds ?? 0),
  rounded_billable_seconds: Number(r.rounded_billable_seconds ?? 0),
  amount: r.amount === null ? null : Number(r.amount),
  rounded_amount: r.rounded_amount === null ? null : Number(r.rounded_amount),
});

const isId = (k: GroupKey) => !TIME_KEYS.includes(k);

/** Time groups in order; the others by most time first, then by name; "No project" and the like last. */
function sortGroups(groups: ReportGroup[]): ReportGroup[] {
  return groups.sort((a, b) => {
    if (!isId(a.group)) return (a.key ?? "").localeCompare(b.key ?? "");
    if ((a.key === null) !== (b.key === null)) return a.key === null ? 1 : -1;
    return b.seconds - a.seconds || a.name.localeCompare(b.name);
  });
}

/**
 * The grouped report: one or two levels of groups, each with its duration, billable duration, amount and
 * rounded figures, and the totals; all aggregated in SQL by the one day rule (entries-sql.ts), rounded once
 * (rounding.ts), priced by the rate precedence (rates.ts).
 */
export async function groupedReport(db: Db, actor: MemberActor, q: GroupedReportQuery, now: Date = new Date()) {
  const ctx = await reportContext(db, actor, q, now);
  const keys = q.group_by;
  const rows = await reportRows<SqlRow>(db, groupedSql(ctx.scope, keys, ctx.weekStart, ctx.rounding));
  const ids: Partial<Record<GroupKey, number[]>> = {};
  for (const row of rows) {
    keys.forEach((k, i) => {
      const v = i === 0 ? row.k1 : row.k2;
      if (v !== null && isId(k)) (ids[k] ??= []).push(Number(v));
    });
  }
  const label = await groupLabels(db, actor, ctx.seesPrivate, ids);
  const group = (k: GroupKey, key: string | null, r: SqlRow): ReportGroup => {
    const l = label(k, key);
    return { group: k, id: key !== null && isId(k) ? Number(key) : null, key, name: l.name, ...(l.color ? { color: l.color } : {}), ...figures(r) };
  };
  const total = rows.find((r) => r.level === 0)!;
  let groups: ReportGroup[];
  if (keys.length === 1) {
    groups = rows.filter((r) => r.level === 1).map((r) => group(keys[0], r.k1, r));
  } else {
    groups = rows.filter((r) => r.level === 1).map((r) => ({ ...group(keys[0], r.k1, r), groups: [] as ReportGroup[] }));
    const byKey = new Map(groups.map((g) => [g.key, g]));
    for (const r of rows.filter((x) => x.level === 2)) byKey.get(r.k1)?.groups!.push(group(keys[1], r.k2, r));
    for (const g of groups) sortGroups(g.groups!);
  }
  // A first level by project: each project's estimate and budget with its all-time progress (one statement).
  if (keys[0] === "project") {
    const progress = await projectGroupProgress(db, actor, groups.flatMap((g) => (g.id === null ? [] : [g.id])), now);
    groups = groups.map((g) => (g.id === null ? g : { ...g, ...(progress.get(g.id) ?? { estimate: null, budget: null }) }));
  }
  return {
    start_date: ctx.range.start,
    end_date: ctx.range.end,
    range: ctx.range.preset,
    time_zone: ctx.timezone,
    week_start: ctx.weekStart,
    currency: ctx.currency,
    group_by: keys,
    rounding: ctx.rounding,
    totals: figures(total),
    groups: sortGroups(groups),
  };
}
