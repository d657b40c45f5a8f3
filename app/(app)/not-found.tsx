import { NotFoundView } from "@/components/not-found-view";

export default function AppNotFound() {
  return <NotFoundView />;
}
