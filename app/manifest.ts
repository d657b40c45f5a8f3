import type { MetadataRoute } from "next";

// Lets a phone add Stint to its home screen as an app of its own, opening on the timer.
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: "Stint",
    short_name: "Stint",
    description: "Self-hosted time tracking",
    start_url: "/",
    display: "standalone",
    background_color: "#f7f7f8",
    theme_color: "#4f46e5",
    icons: [
      { src: "/icon.svg", sizes: "any", type: "image/svg+xml" },
      { src: "/apple-icon.png", sizes: "180x180", type: "image/png" },
    ],
  };
}
