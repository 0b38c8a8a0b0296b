/**
 * The event code a check-in page was opened with: WeChat hands a scanned mini-program code's scene to the
 * page as `options.scene` (URL-encoded, e.g. `e%3Dk3m9qx2a`); the H5 check-in URL carries `?e=<code>`.
 */
export function eventCodeFrom(params: Record<string, string | undefined>): string | null {
  const direct = params.e;
  if (direct && /^[a-z0-9]{4,16}$/.test(direct)) return direct;
  if (!params.scene) return null;
  let scene = params.scene;
  try {
    scene = decodeURIComponent(scene);
  } catch {
    return null;
  }
  for (const pair of scene.split('&')) {
    const [k, v] = pair.split('=');
    if (k === 'e' && v && /^[a-z0-9]{4,16}$/.test(v)) return v;
  }
  return null;
}
