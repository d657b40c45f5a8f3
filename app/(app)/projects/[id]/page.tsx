import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { ProjectDetail } from "@/components/projects/project-detail";
import { userContext } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { getProjectOrThrow } from "@/lib/projects/service";
import { serializeProjectWithStats } from "@/lib/projects/stats";

type Props = { params: Promise<{ id: string }> };

/** The signed-in user's project of this id, or Next's not-found page (another user's id, or not a number). */
const loadProject = cache(async (raw: string) => {
  if (!/^\d{1,9}$/.test(raw)) notFound();
  const { db, actor } = await userContext();
  try {
    return await serializeProjectWithStats(db, actor, await getProjectOrThrow(db, actor, Number(raw)));
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: (await loadProject((await params).id)).name };
}

export default async function Page({ params }: Props) {
  return <ProjectDetail initial={await loadProject((await params).id)} />;
}
