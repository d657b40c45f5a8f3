// Runs once per server process before it serves requests (Next.js instrumentation hook).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startStint } = await import("./lib/runtime/start");
  await startStint();
}
