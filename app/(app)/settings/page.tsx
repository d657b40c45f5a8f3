import { SettingsPage } from "@/components/settings/settings-page";
import { userContext } from "@/lib/context";
import { serializeUser } from "@/lib/users/service";
import { workspaceAbilities } from "@/lib/workspaces/abilities";
import { signOutEverywhereAction } from "../actions";
import { changeEmailAction, changePasswordAction, deleteAccountAction } from "./actions";

export const metadata = { title: "Settings" };

export default async function Settings() {
  const { user, actor } = await userContext();
  return (
    <SettingsPage
      initialUser={serializeUser(user)}
      showWebhooks={workspaceAbilities(actor).manageWebhooks}
      signOutEverywhere={signOutEverywhereAction}
      accountActions={{ changeEmail: changeEmailAction, changePassword: changePasswordAction, deleteAccount: deleteAccountAction }}
    />
  );
}
