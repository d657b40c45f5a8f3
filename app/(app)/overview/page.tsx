import { notFound } from "next/navigation";
import { OverviewView } from "@/components/overview/overview-view";
import { userContext } from "@/lib/context";
import { reportedMember } from "@/lib/reports/team";
import { serializeUser } from "@/lib/users/service";

export const metadata = { title: "Overview" };

/** ?member=<user_id>: that member's Overview (managers and up, opened from the Team page). */
export default async function OverviewPage({ searchParams }: { searchParams: Promise<{ member?: string | string[] }> }) {
  const { db, user, actor } = await userContext();
  const { member: memberParam } = await searchParams;
  const member = typeof memberParam === "string" ? await reportedMember(db, actor, memberParam) : null;
  if (member === undefined) notFound();
  return <OverviewView key={member?.userId ?? "me"} me={serializeUser(user)} member={member} />;
}
