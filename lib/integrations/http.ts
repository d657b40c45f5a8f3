import { env } from "@/lib/env";
import { BlockedAddressError, safeFetch } from "@/lib/http/safe-fetch";
import { PermanentError, TransientError, type HttpClient } from "./types";

/** fetch with a deadline; a network failure or a timeout is a TransientError (the call is retried). Only
 *  public addresses are reached (a person may give a provider's URL) unless STINT_ALLOW_PRIVATE_URLS=1. */
export const fetchWithTimeout: HttpClient = async (url, init = {}) => {
  // STINT_HTTP_TIMEOUT_MS caps what a provider asks for.
  const { timeoutMs: asked, ...rest } = init;
  const timeoutMs = Math.min(asked ?? Infinity, env().STINT_HTTP_TIMEOUT_MS);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    // The body is read inside the deadline too: a server that sends headers and then stalls is a timeout.
    return await safeFetch(url, { ...rest, signal: controller.signal }, { allowPrivate: env().STINT_ALLOW_PRIVATE_URLS === "1" });
  } catch (error) {
    if (error instanceof BlockedAddressError) throw new PermanentError(error.message, "connection");
    const host = safeHost(url);
    if (controller.signal.aborted) throw new TransientError(`${host} timed out: no answer within ${timeoutMs / 1000} s.`);
    throw new TransientError(`Could not reach ${host}: ${(error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message}`);
  } finally {
    clearTimeout(timer);
  }
};

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return "the server";
  }
}
