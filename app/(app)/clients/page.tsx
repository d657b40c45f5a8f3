import { ClientsPage } from "@/components/clients/clients-page";
import { clientFilterOf } from "@/components/clients/filters";
import { userContext } from "@/lib/context";

export const metadata = { title: "Clients" };

export default async function Page({ searchParams }: { searchParams: Promise<{ show?: string | string[] }> }) {
  await userContext();
  const { show } = await searchParams;
  return <ClientsPage initialFilter={clientFilterOf(show)} />;
}
