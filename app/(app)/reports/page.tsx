import { Suspense } from "react";
import { ReportsView } from "@/components/reports/reports-view";
import { ReportLoading } from "@/components/reports/loading";
import { userContext } from "@/lib/context";
import { can } from "@/lib/workspaces/policy";

export const metadata = { title: "Reports" };

export default async function Reports() {
  const { actor } = await userContext();
  // As the Team page's link: other members' time is for managers and up, so only they get the member filter.
  const canSeeMembers = can(actor, "team.read", { workspaceId: actor.workspaceId });
  return (
    <Suspense fallback={<ReportLoading rows={4} />}>
      <ReportsView key={actor.workspaceId} workspaceId={actor.workspaceId} canSeeMembers={canSeeMembers} />
    </Suspense>
  );
}
