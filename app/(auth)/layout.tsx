import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth/session";

export default async function AuthLayout({ children }: { children: React.ReactNode }) {
  if (await currentUser()) redirect("/");
  return (
    <main className="auth-shell">
      <div className="auth-card">
        <p className="brand">Stint</p>
        {children}
      </div>
    </main>
  );
}
