import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import { THEME_SCRIPT } from "@/lib/http/theme-script";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Stint", template: "%s · Stint" },
  description: "Self-hosted time tracking",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Rendered per request, every page (also the 404 page): Next puts the nonce of this response's
  // Content-Security-Policy (proxy.ts) on its scripts, and a page prerendered at build time has none.
  await connection();
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body>{children}</body>
    </html>
  );
}
