import { TokensPage } from "@/components/tokens/tokens-page";
import { userContext } from "@/lib/context";

export const metadata = { title: "API tokens" };

export default async function ApiTokensPage() {
  const { user } = await userContext();
  return <TokensPage isAdmin={user.isAdmin} />;
}
