/**
 * Checks the local servers (app server and local cloud) apply before anything else: the request line must
 * parse, the Host must be the server's own loopback name (a web page that rebinds its DNS name to 127.0.0.1
 * sends its own name, so it is refused), a browser request from another origin is refused, and JSON nested
 * deeper than any real request is refused before it is parsed.
 */
import type http from 'node:http';

export const MAX_JSON_DEPTH = 64;

/** The request URL, or null when it does not parse (`//`, a bare `%`, …). */
export function requestUrl(req: http.IncomingMessage): URL | null {
  const raw = req.url ?? '/';
  if (!raw.startsWith('/') || raw.startsWith('//')) return null;
  try {
    return new URL(raw, 'http://local');
  } catch {
    return null;
  }
}

/** decodeURIComponent, or null for a malformed %-sequence. */
export function safeDecode(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}

/** The names this server answers to on `port`: loopback names plus any `extra` (e.g. a LAN address). */
export function allowedHosts(port: number, extra: string[] = []): Set<string> {
  const names = ['127.0.0.1', 'localhost', '[::1]', ...extra];
  return new Set(names.map((n) => `${n}:${port}`.toLowerCase()));
}

/** Why the request is refused (Host / Origin / Sec-Fetch-Site), or null when it may proceed. */
export function originProblem(req: http.IncomingMessage, hosts: Set<string>): string | null {
  const host = String(req.headers.host ?? '').toLowerCase();
  if (!hosts.has(host)) return `host ${host || '(none)'} is not this server`;
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== 'null') {
    let o: URL;
    try {
      o = new URL(origin);
    } catch {
      return 'malformed Origin';
    }
    if (o.protocol !== 'http:' || !hosts.has(o.host.toLowerCase())) return `origin ${origin} is not this server`;
  } else if (origin === 'null') return 'opaque origin';
  if (req.headers['sec-fetch-site'] === 'cross-site') return 'cross-site request';
  return null;
}

/** Nesting depth of a JSON text (brackets outside strings), stopping as soon as it exceeds `limit`. */
export function jsonDepthExceeds(text: string, limit = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > limit) return true;
    } else if (c === 125 || c === 93) depth--;
  }
  return false;
}
