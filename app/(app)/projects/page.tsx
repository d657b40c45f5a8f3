import { projectFilterOf } from "@/components/projects/filters";
import { ProjectsPage } from "@/components/projects/projects-page";
import { userContext } from "@/lib/context";

export const metadata = { title: "Projects" };

export default async function Page({ searchParams }: { searchParams: Promise<{ status?: string | string[] }> }) {
  await userContext();
  const { status } = await searchParams;
  return <ProjectsPage initialFilter={projectFilterOf(status)} />;
}
