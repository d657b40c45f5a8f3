import type { ProviderContext, RemoteLogChange } from "../types";
import type { TeamleaderSettings } from "./settings";

export async function changesSince(_ctx: ProviderContext<TeamleaderSettings>, cursor: string | null): Promise<{ changes: RemoteLogChange[]; cursor: string }> {
  return { changes: [], cursor: cursor ?? "" };
}
