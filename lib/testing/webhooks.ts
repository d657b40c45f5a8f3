import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { webhooks, type Webhook } from "@/db/schema";
import { seal } from "@/lib/crypto/secret-box";

/** An endpoint row as the webhooks service stores it (secret sealed to "webhook:<id>"), for engine tests. */
export async function insertWebhook(db: Db, workspaceId: number, url: string, events: string[] = ["*"]): Promise<{ webhook: Webhook; secret: string }> {
  const secret = `whsec_${crypto.randomBytes(24).toString("base64url")}`;
  const [row] = await db.insert(webhooks).values({ workspaceId, url, events, secret: "unsealed" }).returning();
  const [webhook] = await db.update(webhooks).set({ secret: seal(secret, `webhook:${row.id}`) }).where(eq(webhooks.id, row.id)).returning();
  return { webhook, secret };
}
