import { alp } from "./alp";
import type { Provider } from "./types";
import { teamleader } from "./teamleader";
import { rescueTime } from "./rescuetime";
import { zohoProjects } from "./zoho-projects";

// Every provider Stint knows. Adding one is its folder under lib/integrations/ plus one line here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyProvider = Provider<any>;

/** The providers an engine, a service call or a worker works with. The app passes `builtInProviders`;
 *  tests pass their own (fakes), never changing this module's list. */
export type ProviderRegistry = {
  get(name: string): AnyProvider | undefined;
  all(): AnyProvider[];
};

export function providerRegistry(list: AnyProvider[]): ProviderRegistry {
  const byName = new Map(list.map((p) => [p.name, p]));
  return { get: (name) => byName.get(name), all: () => [...byName.values()] };
}

export const builtInProviders: ProviderRegistry = providerRegistry([zohoProjects, teamleader, alp, rescueTime]);
