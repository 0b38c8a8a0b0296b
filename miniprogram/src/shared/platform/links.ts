/** Addresses of the H5 app (for QR codes made on the server and links people copy); undefined in WeChat. */

/** The H5 app's address, e.g. `http://127.0.0.1:8080/`; undefined in WeChat. */
export function h5Base(): string | undefined {
  if (process.env.TARO_ENV !== 'h5' || typeof location === 'undefined') return undefined;
  return `${location.origin}${location.pathname}`;
}

/** H5: the full address of an app route (`/packages/…?…`), as a friend opens it (hash router). */
export function h5Link(route: string): string {
  return `${h5Base() ?? ''}#${route.startsWith('/') ? route : `/${route}`}`;
}
