/** Serves the production H5 build: gzip/brotli compressed once and kept in memory, hashed assets cached forever. */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { IncomingMessage, ServerResponse } from 'node:http';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

interface Entry {
  raw: Buffer;
  gzip: Buffer;
  br: Buffer;
  type: string;
  immutable: boolean;
}

/**
 * The file for a URL path inside `root` (a real path), or null: the path is resolved, must stay inside the
 * root (compared with a trailing separator, so `/..%2fh5-sibling/` cannot reach a neighbouring folder), and
 * no part of it may be a symlink (its real path must be itself).
 */
export function confinedFile(root: string, rel: string): string | null {
  if (rel.includes('\0')) return null;
  const file = path.resolve(root, '.' + rel);
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  try {
    if (fs.realpathSync(file) !== file) return null;
  } catch {
    return null;
  }
  return file;
}

export function createStaticHandler(rootDir: string) {
  const cache = new Map<string, Entry>();
  let root = path.resolve(rootDir);
  try {
    root = fs.realpathSync(root);
  } catch {
    // not built yet: nothing will be found
  }
  function entry(rel: string): Entry | null {
    const hit = cache.get(rel);
    if (hit) return hit;
    const file = confinedFile(root, rel);
    if (!file || !fs.statSync(file).isFile()) return null;
    const raw = fs.readFileSync(file);
    const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
    const compressible = /text|javascript|json|svg/.test(type);
    const e: Entry = {
      raw,
      gzip: compressible ? zlib.gzipSync(raw, { level: 9 }) : raw,
      br: compressible ? zlib.brotliCompressSync(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }) : raw,
      type,
      immutable: /\.[0-9a-f]{8}\.(js|css)$/.test(file),
    };
    cache.set(rel, e);
    return e;
  }
  return function serve(req: IncomingMessage, res: ServerResponse, url: URL): boolean {
    let rel: string;
    try {
      rel = decodeURIComponent(url.pathname);
    } catch {
      return false;
    }
    if (rel.endsWith('/')) rel += 'index.html';
    const e = entry(rel) ?? (path.extname(rel) ? null : entry('/index.html'));
    if (!e) return false;
    const accept = String(req.headers['accept-encoding'] ?? '');
    const compressed = e.br !== e.raw;
    const [body, encoding] = compressed && /\bbr\b/.test(accept) ? [e.br, 'br'] : compressed && /gzip/.test(accept) ? [e.gzip, 'gzip'] : [e.raw, null];
    res.setHeader('content-type', e.type);
    res.setHeader('cache-control', e.immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    res.setHeader('vary', 'accept-encoding');
    if (encoding) res.setHeader('content-encoding', encoding);
    res.setHeader('content-length', body.length);
    res.end(req.method === 'HEAD' ? undefined : body);
    return true;
  };
}
