"use client";

import { Suspense, type ComponentProps } from "react";
import { lazyNamed } from "@/components/ui/lazy";
import type { NavLinks } from "./nav-links";
import type { WorkspaceSwitcher } from "./workspaces/workspace-switcher";

// The header's interactive parts, in the first HTML of every signed-in page, but not needed for its first
// paint: their code loads from the start, alongside the page's own, and takes over the server's HTML when
// it arrives. Until then the links are plain links (a click loads the page in full) and the Menu and
// workspace buttons are disabled, as the page's other buttons are before hydration. Their props come from
// the server layout and do not change before then, so React keeps that HTML meanwhile.
const LazyNavLinks = lazyNamed(() => import("./nav-links"), "NavLinks");
const LazyWorkspaceSwitcher = lazyNamed(() => import("./workspaces/workspace-switcher"), "WorkspaceSwitcher");
LazyNavLinks.preload();
LazyWorkspaceSwitcher.preload();

export function HeaderNav(props: ComponentProps<typeof NavLinks>) {
  return (
    <Suspense>
      <LazyNavLinks {...props} />
    </Suspense>
  );
}

export function HeaderWorkspaceSwitcher(props: ComponentProps<typeof WorkspaceSwitcher>) {
  return (
    <Suspense>
      <LazyWorkspaceSwitcher {...props} />
    </Suspense>
  );
}
