// A fake Zoho (accounts + classic Projects REST API) for tests. Usage:
//
//   const zoho = await startFakeZoho();            // or { port } when a Stint server must know it up front
//   const project = zoho.state.addProject({ name: "Website" });
//   zoho.state.addTask(project.id, { name: "Design" });
//   const refreshToken = zoho.issueRefreshToken();  // "paste a refresh token"; or browse to /oauth/v2/auth
//   zoho.failNext(1, "after-commit-500", { method: "POST" });
//   ... point the connection's settings.baseUrls at { accounts: zoho.url, api: zoho.url } ...
//   expect(zoho.logs()).toEqual([...]); expect(zoho.count("POST tasklog")).toBe(1);
//   await zoho.close();
//
// Route names for count(): "GET auth", "POST token", "POST revoke", "GET portals", "GET projects",
// "GET project", "GET tasks", "GET logs", "GET tasklogs", "GET mylogs", "POST tasklog", "POST tasklog.update",
// "DELETE tasklog", "POST generallog", "POST generallog.update", "DELETE generallog".
export { startFakeZoho, type FakeZoho } from "./server";
export { FakeZohoState, type FakeLog, type FakePortal, type FakeProject, type FakeTask, type Fault, type FaultKind } from "./state";
