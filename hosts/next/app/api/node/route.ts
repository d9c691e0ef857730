import { callBoth } from "@/lib/call";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  try {
    return Response.json(await callBoth("nodejs", new URL(request.url).searchParams.get("api")));
  } catch (e) {
    const err = e as Error;
    return Response.json({ error: String(err?.name), message: String(err?.message), stack: String(err?.stack) }, { status: 500 });
  }
}
