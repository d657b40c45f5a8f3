import { startFakeZoho, type FakeZoho } from "../fakes/zoho";
import { e2e } from "./config";
import { budget } from "./budget";

/**
 * The fake Zoho on e2e.fakeZohoPort, where the shared e2e server looks for Zoho (see fakeZohoEnv). Specs
 * in different workers may both want it: while another spec holds the port, this waits for it.
 */
export async function startE2eFakeZoho(timeoutMs = budget.portWait): Promise<FakeZoho> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await startFakeZoho({ port: e2e.fakeZohoPort });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE" || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}
