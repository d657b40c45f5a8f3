import net from "node:net";
import { isPrivateAddress } from "@/lib/http/private-address";

// Where a webhook may point, checked when it is saved: a host that is this machine or a private network
// by its very spelling (an IP literal, "localhost") is refused at once, as a field error. A name that
// resolves to such an address is refused when the sender connects (lib/http/safe-fetch.ts), because a
// name's addresses can change after it is saved.

/** Why the URL's host may not receive webhooks, or null. `allowPrivate`: STINT_ALLOW_PRIVATE_URLS=1. */
export function webhookUrlRefusal(text: string, allowPrivate: boolean): string | null {
  if (allowPrivate) return null;
  const host = new URL(text).hostname.replace(/^\[|\]$/g, "").replace(/\.$/, "").toLowerCase();
  const local = host === "localhost" || host.endsWith(".localhost");
  if (local || (net.isIP(host) && isPrivateAddress(host))) {
    return `${host} is a loopback, private or link-local address: Stint sends webhooks to public hosts only (STINT_ALLOW_PRIVATE_URLS=1 allows others).`;
  }
  return null;
}
