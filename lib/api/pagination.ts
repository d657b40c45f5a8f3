import { z } from "zod";
import { cursorParam } from "./cursor-param";

/** `page` (from 1) and `per_page` (default 50; more than 100 is capped at 100, as TimeTracker does). */
export const paginationQuery = z.object({
  page: z.coerce.number({ error: "page must be a whole number from 1." }).int("page must be a whole number from 1.").min(1, "page must be a whole number from 1.").default(1),
  per_page: z.coerce
    .number({ error: "per_page must be a whole number from 1." })
    .int("per_page must be a whole number from 1.")
    .min(1, "per_page must be a whole number from 1.")
    .default(50)
    .transform((n) => Math.min(n, 100)),
});
export type PageQuery = z.output<typeof paginationQuery>;

/**
 * page/per_page plus `cursor`: the next_cursor of a previous answer, which continues after its last row
 * (and carries its page number, so the pagination object stays right). Deep pages cost the same either way.
 */
export const cursorPaginationQuery = paginationQuery.extend({ cursor: cursorParam.optional() });
export type CursorPageQuery = z.output<typeof cursorPaginationQuery>;

export type Pagination = {
  page: number;
  per_page: number;
  total: number;
  pages: number;
  has_next: boolean;
  has_prev: boolean;
  next_page: number | null;
  prev_page: number | null;
};

export function pagination(total: number, { page, per_page }: PageQuery): Pagination {
  const pages = Math.ceil(total / per_page);
  return {
    page,
    per_page,
    total,
    pages,
    has_next: page < pages,
    has_prev: page > 1,
    next_page: page < pages ? page + 1 : null,
    prev_page: page > 1 ? Math.min(page - 1, Math.max(pages, 1)) : null,
  };
}

export const offsetOf = ({ page, per_page }: PageQuery) => (page - 1) * per_page;
