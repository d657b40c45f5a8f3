import { notFound } from "next/navigation";

// Any address no page matches lands here, inside the app's shell (header and navigation), and shows
// ./not-found.tsx with status 404.
export default function MissingPage(): never {
  notFound();
}
