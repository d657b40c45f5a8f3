import type { Pagination } from "@/lib/api/pagination";
import { apiFetch } from "./fetch";

/**
 * Every item of a paginated /api/v1 list, asked page by page (100 at a time, the API's cap) until the
 * answer says there is no next page. `path` may carry a query of its own.
 */
export async function fetchAllPages<K extends string, T>(path: string, key: K): Promise<T[]> {
  const all: T[] = [];
  const joiner = path.includes("?") ? "&" : "?";
  for (let page = 1; ; page++) {
    const res = await apiFetch<{ [P in K]: T[] } & { pagination: Pagination }>(`${path}${joiner}per_page=100&page=${page}`);
    all.push(...res[key]);
    if (!res.pagination.has_next) return all;
  }
}
