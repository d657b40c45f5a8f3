import Link from "next/link";
import { JoinForm } from "@/components/workspaces/join-form";
import { currentUser } from "@/lib/auth/session";
import { publicContext } from "@/lib/context";
import { invitationStateMessage, previewInvitation } from "@/lib/workspaces/invitations";
import { memberRole } from "@/lib/workspaces/actor";
import { joinAction } from "./actions";

export const metadata = { title: "Invitation" };

type Props = { params: Promise<{ token: string }> };

const ROLE_WORDS = { owner: "an owner", admin: "an admin", manager: "a manager", member: "a member" } as const;

// The link of a workspace invitation: public (a person may not have an account yet). It shows what the
// invitation is for; signed in with the invited address, one button joins; signed out, sign in or
// register (even when registration is closed: the invitation admits its address), then come back here.
export default async function InvitationPage({ params }: Props) {
  const { token } = await params;
  const { db } = publicContext();
  const invitation = await previewInvitation(db, token);
  const user = await currentUser();
  const here = `/invite/${encodeURIComponent(token)}`;
  return (
    <main className="auth-shell">
      <div className="auth-card">
        <p className="brand">Stint</p>
        {!invitation ? (
          <>
            <h1>Invitation</h1>
            <p className="form-alert">This invitation link is not valid: check that it was copied whole, or ask for a new one.</p>
          </>
        ) : (
          <>
            <h1>Join {invitation.workspaceName}</h1>
            <p>
              {invitation.invitedByName ? `${invitation.invitedByName} invited` : "You are invited:"} <strong>{invitation.email}</strong> to join{" "}
              <strong>{invitation.workspaceName}</strong> as {ROLE_WORDS[invitation.role]}.
            </p>
            {invitation.state !== "pending" ? (
              <p className="form-alert">{invitationStateMessage(invitation.state)}</p>
            ) : !user ? (
              <>
                <p className="muted">Sign in with {invitation.email}, or create an account with that address, to join.</p>
                <p>
                  <Link href={`/register?invitation=${encodeURIComponent(token)}&next=${encodeURIComponent(here)}`}>Create an account</Link>
                  {" · "}
                  <Link href={`/sign-in?next=${encodeURIComponent(here)}`}>Sign in</Link>
                </p>
              </>
            ) : (await memberRole(db, invitation.workspaceId, user.id)) ? (
              <p>
                You are already a member of {invitation.workspaceName}. <Link href="/">Open Stint</Link>
              </p>
            ) : user.email !== invitation.email ? (
              <p className="form-alert">
                This invitation is for {invitation.email}, and you are signed in as {user.email}. Sign out, then sign in with {invitation.email} to join.
              </p>
            ) : (
              <JoinForm workspaceName={invitation.workspaceName} action={joinAction.bind(null, token)} />
            )}
          </>
        )}
      </div>
    </main>
  );
}
