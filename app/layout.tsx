import type { Metadata, Viewport } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Stint", template: "%s · Stint" },
  description: "Self-hosted time tracking",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

// Applies the theme picked in this browser before the first paint (no flash of the wrong theme).
const themeScript = `try{var t=JSON.parse(localStorage.getItem("stint-preferences")||"{}").state?.theme;if(t==="light"||t==="dark")document.documentElement.dataset.theme=t}catch(e){}`;

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: themeScript }} />
      </head>
      <body>{children}</body>
    </html>
  );
}
