import Link from "next/link";
import { Button } from "@/components/ui/button";
import { userContext } from "@/lib/context";
import { signOutAction } from "./actions";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const { user } = await userContext();
  return (
    <>
      <header className="app-header">
        <nav aria-label="Main">
          <Link href="/" className="brand">
            Stint
          </Link>
        </nav>
        <div className="app-user">
          <span className="muted" data-testid="signed-in-as">
            {user.name}
          </span>
          <form action={signOutAction}>
            <Button type="submit" variant="secondary">
              Sign out
            </Button>
          </form>
        </div>
      </header>
      <main className="app-main">{children}</main>
    </>
  );
}
