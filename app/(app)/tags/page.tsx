import { TagsPage } from "@/components/tags/tags-page";
import { userContext } from "@/lib/context";

export const metadata = { title: "Tags" };

export default async function Page() {
  await userContext();
  return <TagsPage />;
}
