import { ReviewPage } from "@/components/review/review-page";
import { userContext } from "@/lib/context";

export const metadata = { title: "Review" };

export default async function Page() {
  await userContext();
  return <ReviewPage />;
}
