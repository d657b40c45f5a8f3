import { docsContentSecurityPolicy, newNonce, setPageSecurityHeaders } from "@/lib/http/security-headers";

// Interactive API docs (Swagger UI) for /api/v1/openapi.json. "Authorize" takes an API token; "Try it out"
// then calls the API from this page. Its start-up script and style run by this response's nonce.
const page = (nonce: string) => `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <meta name="viewport" content="width=device-width, initial-scale=1" />
  <title>Stint API docs</title>
  <link rel="stylesheet" href="/api/docs/swagger-ui.css" />
  <style nonce="${nonce}">body { margin: 0; } .topbar { display: none; }</style>
</head>
<body>
  <div id="docs"></div>
  <script src="/api/docs/swagger-ui-bundle.js"></script>
  <script nonce="${nonce}">
    window.ui = SwaggerUIBundle({
      url: "/api/v1/openapi.json",
      dom_id: "#docs",
      deepLinking: true,
      persistAuthorization: true,
      tryItOutEnabled: true,
      displayRequestDuration: true,
    });
  </script>
</body>
</html>`;

// A new nonce per response: never prerendered.
export const dynamic = "force-dynamic";

export function GET() {
  const nonce = newNonce();
  const response = new Response(page(nonce), { headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" } });
  setPageSecurityHeaders(response.headers, docsContentSecurityPolicy(nonce));
  return response;
}
