/**
 * The certificate number a verification page was opened with: a scanned mini-program code hands its scene to the
 * page as `options.scene` (URL-encoded, e.g. `c%3D2026-7K3M9QX2-4HD8TZ`); the H5 URL and shared links carry
 * `?no=<number>`. Only the shape is checked here; the server decides 有效 or 无效.
 */
const SHAPE = /^[0-9A-Za-z-]{8,40}$/;

export function certificateNumberFrom(params: Record<string, string | undefined>): string | null {
  const decode = (v: string) => {
    try {
      return decodeURIComponent(v);
    } catch {
      return null;
    }
  };
  if (params.no) {
    const n = decode(params.no);
    return n && SHAPE.test(n) ? n : null;
  }
  const scene = params.scene ? decode(params.scene) : null;
  if (!scene) return null;
  for (const pair of scene.split('&')) {
    const [k, v] = pair.split('=');
    if (k === 'c' && v && SHAPE.test(v)) return v;
  }
  return null;
}
