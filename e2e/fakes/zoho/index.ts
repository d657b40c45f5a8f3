export { startFakeZoho, type FakeZoho } from "./server";
export { FakeZohoState, type FakeLog, type FakePortal, type FakeProject, type FakeTask, type Fault, type FaultKind } from "./state";
