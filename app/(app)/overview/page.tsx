import { OverviewView } from "@/components/overview/overview-view";
import { userContext } from "@/lib/context";
import { serializeUser } from "@/lib/users/service";

export const metadata = { title: "Overview" };

export default async function OverviewPage() {
  const { user } = await userContext();
  return <OverviewView me={serializeUser(user)} />;
}
