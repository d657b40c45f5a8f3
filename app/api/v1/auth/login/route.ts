import { created, publicRoute } from "@/lib/api/route";
import { parseOrThrow } from "@/lib/errors";
import { loginForToken } from "@/lib/tokens/login";
import { loginSchema } from "@/lib/tokens/schema";
import { serializeToken } from "@/lib/tokens/service";

export const POST = publicRoute(async ({ db, request }) => {
  const input = parseOrThrow(loginSchema, await request.json().catch(() => ({})));
  const { token, record, user } = await loginForToken(db, input);
  return created({ message: "Logged in", token, token_info: serializeToken(record), user });
});
