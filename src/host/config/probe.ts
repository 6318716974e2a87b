// Is a local (or custom) OpenAI-compatible server there? A quick GET {baseUrl}/models,
// used to decide whether a key-less setup can chat. Never throws; never logs the key.

export const PROBE_TIMEOUT_MS = 1500;

export async function probeModels(
  baseUrl: string,
  apiKey?: string,
  fetchImpl: typeof fetch = fetch,
  timeoutMs = PROBE_TIMEOUT_MS,
): Promise<{ ok: boolean; models?: string[] }> {
  let url: URL;
  try {
    url = new URL(`${baseUrl.replace(/\/+$/, '')}/models`);
  } catch {
    return { ok: false };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false };
  try {
    const res = await fetchImpl(url, {
      headers: apiKey ? { authorization: `Bearer ${apiKey}` } : {},
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!res.ok) return { ok: false };
    const body = (await res.json().catch(() => undefined)) as { data?: { id?: unknown }[] } | undefined;
    const models = Array.isArray(body?.data)
      ? body.data.map((m) => m?.id).filter((id): id is string => typeof id === 'string').slice(0, 200)
      : undefined;
    return { ok: true, ...(models ? { models } : {}) };
  } catch {
    return { ok: false };
  }
}
