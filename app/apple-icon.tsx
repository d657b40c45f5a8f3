import { ImageResponse } from "next/og";

// The home-screen icon for iOS (a PNG; it ignores SVG icons): app/icon.svg drawn at 180 px, rendered at build time.
export const size = { width: 180, height: 180 };
export const contentType = "image/png";

export default function AppleIcon() {
  return new ImageResponse(
    (
      <div style={{ width: "100%", height: "100%", display: "flex", alignItems: "center", justifyContent: "center", background: "#4f46e5" }}>
        <svg width="150" height="150" viewBox="0 0 64 64">
          <path d="M26 9h12M32 9v6" stroke="#fff" strokeWidth="5" strokeLinecap="round" />
          <circle cx="32" cy="36" r="17" fill="none" stroke="#fff" strokeWidth="5" />
          <path d="M32 36V26" stroke="#fff" strokeWidth="5" strokeLinecap="round" />
        </svg>
      </div>
    ),
    size,
  );
}
