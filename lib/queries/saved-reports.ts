"use client";

import { useQuery } from "@tanstack/react-query";
import type { z } from "zod";
import type { createdShareLinkShape, savedReportShape, shareLinkShape } from "@/lib/reports/saved/response-schema";
import type { CreateSavedReportInput, CreateShareLinkInput, UpdateSavedReportInput } from "@/lib/reports/saved/schema";
import { apiFetch } from "./fetch";
import { useApiMutation } from "./mutation";

// The Reports page's saved reports and their share links (/api/v1/saved-reports).

export type SavedReportInfo = z.infer<typeof savedReportShape>;
export type ShareLinkInfo = z.infer<typeof shareLinkShape>;
export type CreatedShareLink = z.infer<typeof createdShareLinkShape>;

const savedKey = ["saved-reports"] as const;
const linksKey = (id: number) => [...savedKey, id, "share-links"] as const;

export function useSavedReports() {
  return useQuery({ queryKey: savedKey, queryFn: () => apiFetch<{ saved_reports: SavedReportInfo[] }>("/saved-reports").then((r) => r.saved_reports) });
}

export function useSaveReport() {
  return useApiMutation((input: CreateSavedReportInput) => apiFetch<{ saved_report: SavedReportInfo }>("/saved-reports", { method: "POST", body: input }).then((r) => r.saved_report), [savedKey]);
}

export function useUpdateSavedReport() {
  return useApiMutation(
    ({ id, ...input }: UpdateSavedReportInput & { id: number }) => apiFetch<{ saved_report: SavedReportInfo }>(`/saved-reports/${id}`, { method: "PATCH", body: input }).then((r) => r.saved_report),
    [savedKey],
  );
}

export function useDeleteSavedReport() {
  return useApiMutation((id: number) => apiFetch(`/saved-reports/${id}`, { method: "DELETE" }), [savedKey], { errorPrefix: "The saved report was not deleted:" });
}

export function useShareLinks(reportId: number) {
  return useQuery({ queryKey: linksKey(reportId), queryFn: () => apiFetch<{ share_links: ShareLinkInfo[] }>(`/saved-reports/${reportId}/share-links`).then((r) => r.share_links) });
}

export function useCreateShareLink(reportId: number) {
  return useApiMutation((input: CreateShareLinkInput) => apiFetch<CreatedShareLink>(`/saved-reports/${reportId}/share-links`, { method: "POST", body: input }), [linksKey(reportId)]);
}

export function useRevokeShareLink(reportId: number) {
  return useApiMutation((linkId: number) => apiFetch(`/saved-reports/${reportId}/share-links/${linkId}`, { method: "DELETE" }), [linksKey(reportId)], { errorPrefix: "The link was not revoked:" });
}
