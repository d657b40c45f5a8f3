import { startFakeTeamleader, type FakeTeamleader } from "../fakes/teamleader";
import type { FakeTeamleaderState } from "../fakes/teamleader/state";
import { budget } from "./budget";

/**
 * The fake Teamleader on a port a Stint server of the spec's own was told up front (TEAMLEADER_AUTH_URL and
 * TEAMLEADER_API_URL, see fakeTeamleaderEnv). While another spec holds the port, this waits for it.
 */
export async function startE2eFakeTeamleader(port: number, state?: FakeTeamleaderState, timeoutMs = budget.portWait): Promise<FakeTeamleader> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await startFakeTeamleader({ port, state });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE" || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/** A Stint process's environment for the fake on `port` (it listens on 127.0.0.1: private addresses allowed). */
export function fakeTeamleaderEnv(port: number, state: Pick<FakeTeamleaderState, "client">): Record<string, string> {
  const url = `http://127.0.0.1:${port}`;
  return {
    STINT_ALLOW_PRIVATE_URLS: "1",
    TEAMLEADER_AUTH_URL: url,
    TEAMLEADER_API_URL: url,
    TEAMLEADER_CLIENT_ID: state.client.id,
    TEAMLEADER_CLIENT_SECRET: state.client.secret,
  };
}
