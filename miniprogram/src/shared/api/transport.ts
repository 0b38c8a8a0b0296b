/** H5 transport: the local server exposes every cloud function as POST /api/fn/<name> (cookie identity). */
export async function invokeFunction(name: string, data: unknown): Promise<unknown> {
  const res = await fetch(`/api/fn/${encodeURIComponent(name)}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(data),
  });
  if (!res.ok && res.status >= 500) throw new Error(`HTTP ${res.status}`);
  return res.json();
}
