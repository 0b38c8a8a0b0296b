/**
 * The cloud functions the local server exposes as POST /api/fn/<name>: the same modules that are bundled
 * for the cloud. Loaded lazily so LOCALCLOUD_URL is set before any SDK app is created.
 * The list is cloudfunctions/functions.ts (the one registry: local server, bundle, deploy); register a new
 * function there, not here.
 */
import { functionNames } from '../cloudfunctions/functions';

type Main = (event: unknown, context: unknown) => Promise<unknown>;

export const functionLoaders: Record<string, () => Promise<{ main: Main }>> = Object.fromEntries(
  functionNames().map((name) => [name, () => import(`../cloudfunctions/${name}/index`) as Promise<{ main: Main }>]),
);

const loaded = new Map<string, Promise<{ main: Main }>>();
export function loadFunction(name: string): Promise<{ main: Main }> | null {
  const loader = Object.prototype.hasOwnProperty.call(functionLoaders, name) ? functionLoaders[name] : undefined;
  if (!loader) return null;
  let p = loaded.get(name);
  if (!p) {
    p = loader();
    loaded.set(name, p);
  }
  return p;
}
