import { headers } from "next/headers";
import { IntegrationsPage } from "@/components/integrations/integrations-page";
import { userContext } from "@/lib/context";
import { connectErrorText } from "@/lib/integrations/connect-errors";
import { redirectUri } from "@/lib/integrations/oauth-app";
import { builtInProviders } from "@/lib/integrations/registry";
import { availableProviders, importRefusal, listIntegrations } from "@/lib/integrations/service";

export const metadata = { title: "Integrations" };

type Search = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function Integrations({ searchParams }: { searchParams: Search }) {
  const { db, actor } = await userContext();
  const query = await searchParams;
  const h = await headers();
  const origin = h.get("host") ? `${h.get("x-forwarded-proto") ?? "http"}://${h.get("host")}` : undefined;
  const providers = availableProviders().map((p) => ({ ...p, redirect_uri: redirectUri(p, origin) }));
  const connected = Number(one(query.connected));
  const job = Number(one(query.job));
  return (
    <IntegrationsPage
      initialConnections={await listIntegrations(db, actor)}
      providers={providers}
      connected={Number.isSafeInteger(connected) && connected > 0 ? { id: connected, jobId: Number.isSafeInteger(job) && job > 0 ? job : null } : null}
      error={connectErrorText(one(query.error), builtInProviders.get(one(query.provider) ?? "")?.reasons)}
      importBlocked={importRefusal(actor)}
    />
  );
}
