import { TeamPage } from "@/components/team/team-page";
import { userContext } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { teamReport } from "@/lib/reports/team";
import { teamReportAction } from "./actions";

export const metadata = { title: "Team" };

export default async function Team() {
  const { db, actor } = await userContext();
  try {
    return <TeamPage key={actor.workspaceId} initial={await teamReport(db, actor)} load={teamReportAction} />;
  } catch (error) {
    // The policy refused (a member's role): say what the page is for instead of an error page.
    if (error instanceof AppError && error.code === "forbidden") return <TeamPage initial={null} load={null} />;
    throw error;
  }
}
