// A fake Teamleader Focus (OAuth + the JSON API) for tests. Usage:
//
//   const tl = await startFakeTeamleader();          // or { port } when a Stint server must know it up front
//   const acme = tl.state.addCompany("Acme");
//   const project = tl.state.addProject({ title: "Website", customer: { type: "company", id: acme.id } });
//   tl.state.addTask(project.id, { title: "Design" });
//   const refreshToken = tl.state.issueRefreshToken(); // "paste a refresh token"; or browse to /oauth2/authorize
//   tl.state.config.accessTokenTtlSec = 2;              // short-lived access tokens
//   tl.failNext(1, 500, { endpoint: "timeTracking.add" });
//   ... TEAMLEADER_AUTH_URL = TEAMLEADER_API_URL = tl.url ...
//   expect(tl.state.timeEntries).toEqual([...]); expect(tl.count("timeTracking.add")).toBe(1);
//   expect(tl.state.rotationCounts()).toMatchObject({ reuses: 0, usedMoreThanOnce: 0 });
//   await tl.close();
export { startFakeTeamleader, type FakeTeamleader } from "./server";
export { FakeTeamleaderState, type FakeTimeEntry, type FakeProject, type FakeTask, type Fault, type FaultKind } from "./state";
