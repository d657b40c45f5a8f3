// A fake ALP (practice-management API, /work/shared/integrations/alp.md) for tests. Usage:
//
//   const alp = await startFakeAlp();              // or { port } when a Stint server must know it up front
//   const me = alp.state.addUser({ email: "pat@example.com" }); const key = alp.state.issueKey(me.id);
//   const matter = alp.state.addMatter({ name: "Smith v Jones" });
//   const outcome = alp.state.addOutcome(matter.id, "Pleadings"); alp.state.addComponent(outcome.id, "Drafting");
//   alp.failNext(1, "after-commit-500", { method: "POST" });
//   ... connect with settings { url: alp.url } and the key ...
//   expect(alp.entries()).toEqual([...]); expect(alp.count("POST time_entries")).toBe(1);
//   await alp.close();
//
// Route names for count(): "GET matters", "GET outcomes", "GET components", "GET users", "GET gst_types",
// "GET time_entries", "POST time_entries", "PATCH time_entries", "DELETE time_entries".
export { startFakeAlp, type FakeAlp } from "./server";
export { FakeAlpState, type FakeAlpUser, type FakeComponent, type FakeGstType, type FakeMatter, type FakeOutcome, type FakeTimeEntry, type Fault, type FaultKind } from "./state";
