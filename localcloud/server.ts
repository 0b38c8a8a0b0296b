/**
 * The local cloud: an HTTP server on 127.0.0.1 that answers the requests `@cloudbase/node-sdk` (and the
 * node-sdk bundled in wx-server-sdk) sends when initialised with `serviceUrl: <url>/admin`.
 *
 *   POST /admin?env=..           SDK actions: database.*, storage.*, wx.openApi, wx.api
 *   PUT  /storage/upload/<path>  the upload URL handed out by storage.getUploadMetadata
 *   GET  /storage/files/<path>   downloads (tempFileURL)
 *   GET  /outbox[?api=..]        open API calls recorded instead of sent; DELETE /outbox clears; POST /outbox records
 *   POST /_local/ensure          { collections: [{ name, indexes }] } creates collections and indexes (idempotent)
 *   POST /_local/reset           deletes every document and the outbox (collections and indexes stay)
 *   GET  /_local/collections     collections, document counts, indexes
 *   GET  /_local/health          { ok: true }
 */
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { LocalStore, type CollectionSpec } from './store';
import { CloudError } from './errors';
import { databaseAction } from './database';
import { FileStorage, storageAction } from './storage';
import { handleWxApi, handleWxOpenApi, parseMultipart } from './wxopenapi';

export interface LocalCloudOptions {
  /** 0 picks a free port. */
  port: number;
  /** SQLite file, or ':memory:'. */
  dbFile: string;
  /** Folder for uploaded files; default `<dbFile>.storage` (a temp folder for ':memory:'). */
  storageDir?: string;
  /** Collections and indexes to create at start (idempotent). */
  collections?: CollectionSpec[];
  /** Aggregations without $limit return at most this many records (the cloud's default is 20). */
  aggregateDefaultLimit?: number;
  /** Log every request to stderr. */
  verbose?: boolean;
}

export interface LocalCloud {
  /** http://127.0.0.1:<port> (the SDK's serviceUrl is `${url}/admin`). */
  url: string;
  port: number;
  store: LocalStore;
  files: FileStorage;
  close(): Promise<void>;
}

const MAX_BODY = 64 * 1024 * 1024;
let requestCounter = 0;

function requestId(): string {
  return `lc${(++requestCounter).toString(36)}${randomBytes(4).toString('hex')}`;
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new CloudError('INVALID_PARAM', 'request body too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function sendJson(res: http.ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function errorBody(e: unknown, rid: string) {
  if (e instanceof CloudError) return { code: e.code, message: e.message, requestId: rid };
  console.error('[localcloud] internal error', e);
  return { code: 'SYS_ERR', message: `[localcloud] internal error: ${(e as Error)?.message ?? String(e)}`, requestId: rid };
}

export async function startLocalCloud(options: LocalCloudOptions): Promise<LocalCloud> {
  // SDK apps in this process talk to a local cloud, not to Tencent Cloud: spare them the per-request
  // metadata.tencentyun.com probe (see cloudfunctions/shared/cloudbase.ts).
  if (process.env.TENCENTCLOUD === undefined) process.env.TENCENTCLOUD = 'true';
  const store = new LocalStore({ dbFile: options.dbFile, aggregateDefaultLimit: options.aggregateDefaultLimit });
  const tempStorage = !options.storageDir && options.dbFile === ':memory:';
  const storageDir = options.storageDir ?? (tempStorage ? fs.mkdtempSync(path.join(os.tmpdir(), 'localcloud-storage-')) : `${path.resolve(options.dbFile)}.storage`);
  const files = new FileStorage(storageDir);
  if (options.collections) store.ensure(options.collections);
  let baseUrl = '';

  async function handleAdmin(req: http.IncomingMessage, res: http.ServerResponse) {
    const rid = requestId();
    let action = '';
    try {
      const body = await readBody(req);
      const contentType = String(req.headers['content-type'] ?? '');
      if (contentType.startsWith('multipart/form-data')) {
        const fields = parseMultipart(body, contentType);
        action = fields.action?.toString('utf8') ?? '';
        if (options.verbose) console.error(`[localcloud] ${action} ${fields.apiName?.toString('utf8') ?? ''}`);
        if (action === 'wx.openApi') {
          const out = await handleWxOpenApi(store, fields);
          res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': out.length });
          res.end(out);
          return;
        }
        throw new CloudError('LOCALCLOUD_UNSUPPORTED', `[localcloud] action ${action || '(none)'} is not supported by the local cloud (see localcloud/README.md)`);
      }
      let params: Record<string, unknown>;
      try {
        params = body.length ? (JSON.parse(body.toString('utf8')) as Record<string, unknown>) : {};
      } catch {
        throw new CloudError('INVALID_PARAM', 'request body is not JSON');
      }
      action = typeof params.action === 'string' ? params.action : '';
      if (options.verbose) console.error(`[localcloud] ${action} ${params.collectionName ?? ''}`);
      let reply: Record<string, unknown>;
      if (action.startsWith('database.')) reply = await databaseAction(store, action, params);
      else if (action.startsWith('storage.')) reply = storageAction(files, baseUrl, action, params);
      else if (action === 'wx.api') reply = await handleWxApi(store, params);
      else throw new CloudError('LOCALCLOUD_UNSUPPORTED', `[localcloud] action ${action || '(none)'} is not supported by the local cloud (see localcloud/README.md)`);
      sendJson(res, 200, { ...reply, requestId: rid });
    } catch (e) {
      if (options.verbose) console.error(`[localcloud] ${action} failed:`, (e as Error).message);
      sendJson(res, 200, errorBody(e, rid));
    }
  }

  async function handleLocal(pathname: string, url: URL, req: http.IncomingMessage, res: http.ServerResponse) {
    const rid = requestId();
    try {
      if (pathname === '/outbox') {
        if (req.method === 'GET') return sendJson(res, 200, store.listOutbox(url.searchParams.get('api') ?? undefined));
        if (req.method === 'DELETE') return sendJson(res, 200, { deleted: store.clearOutbox() });
        if (req.method === 'POST') {
          const body = JSON.parse((await readBody(req)).toString('utf8') || '{}') as { api?: string; appid?: string; data?: unknown; response?: unknown };
          if (!body.api) throw new CloudError('INVALID_PARAM', 'api is required');
          return sendJson(res, 200, { id: store.recordOutbox({ api: body.api, appid: body.appid, data: body.data, response: body.response }) });
        }
      }
      if (pathname === '/_local/health') return sendJson(res, 200, { ok: true, db: store.file, pid: process.pid });
      if (pathname === '/_local/collections' && req.method === 'GET') return sendJson(res, 200, store.listCollections());
      if (pathname === '/_local/ensure' && req.method === 'POST') {
        const body = JSON.parse((await readBody(req)).toString('utf8') || '{}') as { collections?: CollectionSpec[] };
        if (!Array.isArray(body.collections)) throw new CloudError('INVALID_PARAM', 'collections must be an array');
        return sendJson(res, 200, store.ensure(body.collections));
      }
      if (pathname === '/_local/reset' && req.method === 'POST') {
        store.reset();
        return sendJson(res, 200, { ok: true });
      }
      sendJson(res, 404, { code: 'LOCALCLOUD_UNSUPPORTED', message: `[localcloud] ${req.method} ${pathname} is not served by the local cloud`, requestId: rid });
    } catch (e) {
      sendJson(res, e instanceof CloudError ? 400 : 500, errorBody(e, rid));
    }
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const pathname = url.pathname;
    if (pathname === '/admin' && req.method === 'POST') {
      void handleAdmin(req, res);
      return;
    }
    if (pathname.startsWith('/storage/upload/') && (req.method === 'PUT' || req.method === 'POST')) {
      const cloudPath = decodeURIComponent(pathname.slice('/storage/upload/'.length));
      readBody(req)
        .then((body) => {
          files.write(cloudPath, body);
          res.writeHead(200, { 'content-length': 0, etag: `"${body.length.toString(16)}"` });
          res.end();
        })
        .catch((e: Error) => {
          const xml = `<?xml version='1.0' encoding='utf-8' ?><Error><Code>InvalidRequest</Code><Message>${e.message.replace(/[<&>]/g, '')}</Message><RequestId>${requestId()}</RequestId><TraceId>local</TraceId></Error>`;
          res.writeHead(400, { 'content-type': 'application/xml' });
          res.end(xml);
        });
      return;
    }
    if (pathname.startsWith('/storage/files/') && (req.method === 'GET' || req.method === 'HEAD')) {
      files.serve(decodeURIComponent(pathname.slice('/storage/files/'.length)), req, res);
      return;
    }
    void handleLocal(pathname, url, req, res);
  });
  server.keepAliveTimeout = 30_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${port}`;

  let closed = false;
  return {
    url: baseUrl,
    port,
    store,
    files,
    async close() {
      if (closed) return;
      closed = true;
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      store.close();
      if (tempStorage) fs.rmSync(storageDir, { recursive: true, force: true });
    },
  };
}
