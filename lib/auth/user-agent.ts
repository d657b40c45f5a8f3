// What the sessions list shows for a device: "Firefox on Linux". Only this summary is stored, not the
// whole header (a fingerprint that nobody needs to read).

const BROWSERS: [RegExp, string][] = [
  [/\bEdg(e|A|iOS)?\//, "Edge"],
  [/\bOPR\/|\bOpera\b/, "Opera"],
  [/\bFirefox\/|\bFxiOS\//, "Firefox"],
  [/\bSamsungBrowser\//, "Samsung Internet"],
  [/\b(Headless)?Chrom(e|ium)\/|\bCriOS\//, "Chrome"],
  [/\bVersion\/[\d.]+.*\bSafari\//, "Safari"],
];

const SYSTEMS: [RegExp, string][] = [
  [/\b(iPhone|iPad|iPod)\b/, "iOS"],
  [/\bAndroid\b/, "Android"],
  [/\bCrOS\b/, "ChromeOS"],
  [/\bWindows\b/, "Windows"],
  [/\bMac OS X\b|\bMacintosh\b/, "macOS"],
  [/\bLinux\b|\bX11\b/, "Linux"],
];

export function summarizeUserAgent(header: string | null | undefined): string {
  const ua = (header ?? "").slice(0, 1000);
  const browser = BROWSERS.find(([re]) => re.test(ua))?.[1];
  const system = SYSTEMS.find(([re]) => re.test(ua))?.[1];
  // A script or a client we do not know: its first product name ("curl", "Playwright") is still a hint.
  const name = browser ?? ua.match(/^([A-Za-z][\w.-]{0,39})\//)?.[1] ?? "Unknown browser";
  return system ? `${name} on ${system}` : name;
}
