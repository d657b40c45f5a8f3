import type { Metadata } from "next";
import { notFound } from "next/navigation";

// Any address no page matches lands here, inside the app's shell (header and navigation), and shows
// ../not-found.tsx with status 404. (A not-found file's own metadata is not applied; the page's is.)
export const metadata: Metadata = { title: "Page not found" };

export default function MissingPage(): never {
  notFound();
}
