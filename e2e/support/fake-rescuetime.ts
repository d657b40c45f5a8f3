import { startFakeRescueTime, type FakeRescueTime } from "../fakes/rescuetime";
import { e2e } from "./config";
import { budget } from "./budget";

/**
 * The fake RescueTime on e2e.fakeRescueTimePort, where the shared e2e server looks for RescueTime (see
 * fakeRescueTimeEnv). Specs in different workers may both want it: while another holds the port, this waits.
 */
export async function startE2eFakeRescueTime(timeoutMs = budget.portWait): Promise<FakeRescueTime> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await startFakeRescueTime({ port: e2e.fakeRescueTimePort });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE" || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}
