"use client";

import { lazyNamed } from "@/components/ui/lazy";

/**
 * The pickers' search list, loaded when a picker first opens (render it inside <Suspense>): the timer
 * bar shows three pickers, and none of their lists is needed to show the page.
 */
export const SearchList = lazyNamed(() => import("./search-list"), "SearchList");
