import type { Provider } from "./types";
import { zohoProjects } from "./zoho-projects";

// Every provider Stint knows. Adding one is its folder under lib/integrations/ plus one line here.
const BUILT_IN: Provider<any>[] = [zohoProjects]; // eslint-disable-line @typescript-eslint/no-explicit-any

const providers = new Map<string, Provider<any>>(BUILT_IN.map((p) => [p.name, p])); // eslint-disable-line @typescript-eslint/no-explicit-any

export function providerNamed(name: string): Provider<any> | undefined { // eslint-disable-line @typescript-eslint/no-explicit-any
  return providers.get(name);
}

export function allProviders(): Provider<any>[] { // eslint-disable-line @typescript-eslint/no-explicit-any
  return [...providers.values()];
}

/** Tests add in-memory providers; the app only has the built-in ones. */
export function registerProvider(provider: Provider<any>): void { // eslint-disable-line @typescript-eslint/no-explicit-any
  providers.set(provider.name, provider);
}
