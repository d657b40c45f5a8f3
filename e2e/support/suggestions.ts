import crypto from "node:crypto";
import { expect, type APIRequestContext } from "@playwright/test";
import type { FakeRescueTime } from "../fakes/rescuetime";
import { workday } from "../fakes/rescuetime";
import { budget } from "./budget";

/**
 * Suggestions for a signed-in page's user, the way a person gets them: their own RescueTime key on the fake
 * (one fixture workday per local day), connected and imported through the API, the job waited for.
 * Returns a function that imports more days later (the same connection).
 */
export async function importWorkdays(request: APIRequestContext, rt: FakeRescueTime, days: string[]) {
  const key = `rt-review-${crypto.randomBytes(6).toString("hex")}`;
  rt.state.addKey(key, days.flatMap(workday));
  const connected = await request.post("/api/v1/integrations/providers/rescuetime/connect", { data: { api_key: key } });
  expect(connected.status(), await connected.text()).toBe(201);
  const { integration } = (await connected.json()) as { integration: { id: number } };
  const importDays = async (from: string, to: string) => {
    const started = await request.post(`/api/v1/integrations/${integration.id}/import`, { data: { from, to } });
    expect(started.status(), await started.text()).toBe(202);
    const { job } = (await started.json()) as { job: { id: number } };
    await expect
      .poll(async () => ((await (await request.get(`/api/v1/integrations/${integration.id}/jobs/${job.id}`)).json()) as { job: { status: string } }).job.status, {
        timeout: budget.background,
        intervals: [200, 400, 800, 1000],
      })
      .toBe("succeeded");
  };
  await importDays(days[0], days[days.length - 1]);
  return {
    /** Adds the fixture's workday on `day` to the fake and imports it. */
    async importDay(day: string) {
      rt.state.addRows(key, workday(day));
      await importDays(day, day);
    },
  };
}
