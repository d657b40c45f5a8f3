"use client";

import { lazyNamed } from "@/components/ui/lazy";

/** "Stop at a past time": its date field's zone arithmetic (Luxon) loads when it is asked for, not with the Timer page. */
export const StopAtForm = lazyNamed(() => import("./stop-at-form"), "StopAtForm");
