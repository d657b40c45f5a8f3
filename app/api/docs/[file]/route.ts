import { readSwaggerAsset } from "@/lib/api/docs-assets";

export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }) {
  const asset = await readSwaggerAsset((await params).file);
  if (!asset) return new Response("Not found", { status: 404 });
  return new Response(asset.body, { headers: { "Content-Type": asset.type, "Cache-Control": "public, max-age=86400", "X-Content-Type-Options": "nosniff" } });
}
