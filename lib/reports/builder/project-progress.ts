import type { Db } from "@/db";
import { projectProgress, projectStats } from "@/lib/projects/stats";
import type { MemberActor } from "@/lib/workspaces/actor";

/**
 * What a project group of the grouped report (first level: project) carries besides its figures in the
 * range: the project's estimate and budget, and its progress against them over ALL time, the very figures
 * of the project page (lib/projects/stats.ts). A budget is spent once, whatever dates a report looks at (as
 * Clockify and Toggl show a project's progress); the group's own seconds and amount are the range's.
 */
export type ProjectGroupProgress = {
  estimate: { hours: number; tracked_seconds_all_time: number; share: number; remaining_seconds_all_time: number } | null;
  budget: { amount: number; spent_all_time: number | null; share: number | null; remaining_all_time: number | null } | null;
};

/** The progress of the report's projects that have an estimate or a budget, by id, in one statement (those the actor may not see are left out). */
export async function projectGroupProgress(db: Db, actor: MemberActor, projectIds: number[], now: Date): Promise<Map<number, ProjectGroupProgress>> {
  // Projects without an estimate or a budget have no progress: their entries are not read at all.
  const stats = await projectStats(db, actor, projectIds, now, { withPlansOnly: true });
  const out = new Map<number, ProjectGroupProgress>();
  for (const [id, s] of stats) {
    const { estimate, budget } = projectProgress(s);
    out.set(id, {
      estimate: estimate && { hours: Number(s.estimatedHours), tracked_seconds_all_time: s.trackedSeconds, share: estimate.share, remaining_seconds_all_time: estimate.remainingSeconds },
      budget:
        s.budgetAmount == null
          ? null
          : { amount: Number(s.budgetAmount), spent_all_time: budget?.spent ?? null, share: budget?.share ?? null, remaining_all_time: budget?.remaining ?? null },
    });
  }
  return out;
}
