/**
 * For store tests: the transport (fetch) answers as a scripted server would. Each call is recorded; each answer
 * is the next step of the script (a body, or an Error for a dropped connection); a call with no step left fails.
 */
export type ScriptedCall = { action: string; input: Record<string, unknown> };
export type ScriptStep = (call: ScriptedCall) => unknown;

export function scriptedNetwork(): { calls: ScriptedCall[]; script: ScriptStep[] } {
  const net = { calls: [] as ScriptedCall[], script: [] as ScriptStep[] };
  (globalThis as { fetch: unknown }).fetch = async (_url: string, init: { body: string }) => {
    const call = JSON.parse(init.body) as ScriptedCall;
    net.calls.push(call);
    const step = net.script.shift();
    if (!step) throw new Error('unexpected call');
    const body = step(call);
    if (body instanceof Error) throw body;
    return { ok: true, status: 200, json: async () => body };
  };
  return net;
}
