import { WorkspaceSettingsPage } from "@/components/workspaces/workspace-settings-page";
import { userContext } from "@/lib/context";
import { workspaceAbilities } from "@/lib/workspaces/abilities";

export const metadata = { title: "Workspace" };

export default async function WorkspaceSettings() {
  const { actor } = await userContext();
  return <WorkspaceSettingsPage key={actor.workspaceId} abilities={workspaceAbilities(actor)} />;
}
