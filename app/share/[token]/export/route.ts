import { errorResponse, unexpectedErrorResponse } from "@/lib/api/respond";
import { publicContext } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { EXPORT_FORMATS, type ExportFormat } from "@/lib/reports/export/params";
import { sharedExport } from "@/lib/reports/saved/share";

type Args = { params: Promise<{ token: string }> };

// A share link's report as a file: /share/<token>/export?format=csv|xlsx|pdf. Only `format` is read from
// the query string; the report is the saved one, run as for the share page.
export async function GET(request: Request, { params }: Args): Promise<Response> {
  const { token } = await params;
  const format = new URL(request.url).searchParams.get("format") ?? "csv";
  try {
    if (!(EXPORT_FORMATS as readonly string[]).includes(format)) throw AppError.validation({ format: ["format must be csv, xlsx or pdf."] });
    const response = await sharedExport(publicContext().db, token, format as ExportFormat);
    response.headers.set("Cache-Control", "no-store");
    return response;
  } catch (error) {
    return error instanceof AppError ? errorResponse(error) : unexpectedErrorResponse(error);
  }
}
