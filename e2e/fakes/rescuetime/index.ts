// A fake RescueTime (Analytic Data API) for tests. Usage:
//
//   const rt = await startFakeRescueTime();          // or { port } when a Stint server must know it up front
//   rt.state.addKey("key-good", workday("2026-11-02"));
//   rt.state.revoke("key-good");                      // 401 from now on
//   rt.failNext(2);                                   // two 500s
//   ... RESCUETIME_API_URL=rt.url, or settings.baseUrls = { api: rt.url } ...
//   await rt.close();
export { startFakeRescueTime, answer, type FakeRescueTime } from "./server";
export { FakeRescueTimeState, type FakeRow } from "./state";
export { workday, year, slots } from "./fixture";
