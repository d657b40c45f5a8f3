import { ops } from "@/lib/api/operations";
import { publicRoute } from "@/lib/api/route";
import { clientAddress } from "@/lib/runtime/client-address";
import { loginForToken } from "@/lib/tokens/login";
import { serializeToken } from "@/lib/tokens/service";
import { otherMethods } from "@/lib/api/other-methods";

export const POST = publicRoute(ops.login, async ({ db, body, request }) => {
  const { token, record, user } = await loginForToken(db, body, clientAddress(request.headers));
  return { message: "Logged in", token, token_info: serializeToken(record), user };
});

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
