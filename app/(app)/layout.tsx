import { NavLinks } from "@/components/nav-links";
import { Providers } from "@/components/providers";
import { Button } from "@/components/ui/button";
import { userContext } from "@/lib/context";
import { signOutAction } from "./actions";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const { user } = await userContext();
  return (
    <Providers>
      <header className="app-header">
        <NavLinks />
        <div className="app-user">
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
