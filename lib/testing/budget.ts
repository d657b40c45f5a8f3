import { inject } from "vitest";

declare module "vitest" {
  export interface ProvidedContext {
    testTimeoutMs: number;
  }
}

/** `times` one test's budget (vitest.config.mts's one time setting), for the few tests that need more. */
export function testBudget(times: number): number {
  return inject("testTimeoutMs") * times;
}
