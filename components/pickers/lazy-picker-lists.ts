"use client";

import { lazyNamed } from "@/components/ui/lazy";

/**
 * The pickers' open lists, loaded when a picker first opens (render them inside <Suspense>): the timer
 * bar shows three pickers, and none of their lists is needed to show the page. One module: `preload()`
 * of any of them fetches all three.
 */
const load = () => import("./picker-lists");
export const ProjectList = lazyNamed(load, "ProjectList");
export const TaskList = lazyNamed(load, "TaskList");
export const TagList = lazyNamed(load, "TagList");
