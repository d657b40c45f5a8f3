import { HeaderNav, HeaderWorkspaceSwitcher } from "@/components/header-parts";
import { Providers } from "@/components/providers";
import { Button } from "@/components/ui/button";
import { userContext } from "@/lib/context";
import { pendingCount } from "@/lib/suggestions/service";
import { can } from "@/lib/workspaces/policy";
import { listWorkspaces } from "@/lib/workspaces/service";
import { signOutAction, switchWorkspaceAction } from "./actions";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const { db, user, actor } = await userContext();
  const [workspaces, reviewCount] = await Promise.all([listWorkspaces(db, { user, scopes: actor.scopes, via: "session" }), pendingCount(db, actor)]);
  return (
    <Providers>
      <header className="app-header">
        <HeaderNav showTeam={can(actor, "team.read", { workspaceId: actor.workspaceId })} reviewCount={reviewCount} />
        <div className="app-user">
          <HeaderWorkspaceSwitcher workspaces={workspaces.map((w) => ({ id: w.id, name: w.name, role: w.role }))} currentId={actor.workspaceId} switchTo={switchWorkspaceAction} />
          <span className="muted" data-testid="signed-in-as">
            {user.name}
          </span>
          <form action={signOutAction}>
            <Button type="submit" variant="secondary" className="button-small">
              Sign out
            </Button>
          </form>
        </div>
      </header>
      <main className="app-main">{children}</main>
    </Providers>
  );
}
