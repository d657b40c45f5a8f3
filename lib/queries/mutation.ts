"use client";

import { useMutation, type QueryKey } from "@tanstack/react-query";
import { toastError } from "@/lib/stores/toasts";
import { useInvalidate } from "./sync";

/**
 * A mutation of Stint's API that refreshes what it touched (here and in other tabs). Errors with field
 * messages are left to the form; other errors become a toast.
 */
export function useApiMutation<TVars, TResult>(mutationFn: (vars: TVars) => Promise<TResult>, touches: readonly QueryKey[], opts: { errorPrefix?: string } = {}) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn,
    onSuccess: () => invalidate(touches),
    onError: (error) => {
      const fields = (error as { fields?: Record<string, unknown> }).fields;
      if (!fields || Object.keys(fields).length === 0) toastError(error, opts.errorPrefix);
    },
  });
}
