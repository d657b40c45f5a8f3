// Runs once per server process before it serves requests (Next.js instrumentation hook).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // First, so that every request served from now on knows its client's address.
  (await import("./lib/runtime/client-address")).stampClientAddresses();
  const { startStint } = await import("./lib/runtime/start");
  await startStint();
}
