import { startFakeAlp, type FakeAlp } from "../fakes/alp";
import { budget } from "./budget";

/**
 * The fake ALP on a given port (a Stint server started with ALP_API_URL pointing at it). Specs in
 * different workers may both want it: while another spec holds the port, this waits for it.
 */
export async function startE2eFakeAlp(port: number, timeoutMs = budget.portWait): Promise<FakeAlp> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await startFakeAlp({ port });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE" || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}
