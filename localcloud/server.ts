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
 *   GET  /_local/info            { ok, db, pid }
 *   GET  /_local/health          { ok: true } (the only endpoint without a key)
 *
 * Security (README "Security model"): loopback only; Host must be this server's loopback name and a browser
 * Origin must be this server (DNS rebinding); /admin requests must carry the SDK's TC3 signature made with
 * the run's key pair; uploads need the token getUploadMetadata handed out for that path; /outbox and
 * /_local/* need the run's secret key in the x-localcloud-key header; a malformed URL or body gets a 4xx.
 */
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { LocalStore, type CollectionSpec } from './store';
import { KEY_HEADER, type RunKey, runKey } from './runKey';
import { MAX_JSON_DEPTH, allowedHosts, jsonDepthExceeds, originProblem, requestUrl, safeDecode } from './requestGuards';
import { signatureProblem } from './signature';
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
  /** The run's key pair requests are signed with (default: this process's, see runKey.ts). */
  key?: RunKey;
}

export interface LocalCloud {
  /** http://127.0.0.1:<port> (the SDK's serviceUrl is `${url}/admin`). */
  url: string;
  port: number;
  store: LocalStore;
  files: FileStorage;
  key: RunKey;
  close(): Promise<void>;
}

const MAX_BODY = 64 * 1024 * 1024;
let requestCounter = 0;

/** This process's part of every request id (random once, so ids of two runs differ), then a counter. */
const REQUEST_ID_PREFIX = `lc${randomBytes(4).toString('hex')}`;
function requestId(): string {
  return `${REQUEST_ID_PREFIX}${(++requestCounter).toString(36)}`;
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
  const key = options.key ?? runKey();
  const store = new LocalStore({ dbFile: options.dbFile, aggregateDefaultLimit: options.aggregateDefaultLimit });
  const tempStorage = !options.storageDir && options.dbFile === ':memory:';
  const storageDir = options.storageDir ?? (tempStorage ? fs.mkdtempSync(path.join(os.tmpdir(), 'localcloud-storage-')) : `${path.resolve(options.dbFile)}.storage`);
  const files = new FileStorage(storageDir, key.secretKey);
  if (options.collections) store.ensure(options.collections);
  let baseUrl = '';
  let hosts = new Set<string>();

  async function handleAdmin(req: http.IncomingMessage, res: http.ServerResponse) {
    const rid = requestId();
    let action = '';
    try {
      const body = await readBody(req);
      const contentType = String(req.headers['content-type'] ?? '');
      if (contentType.startsWith('multipart/form-data')) {
        const fields = parseMultipart(body, contentType);
        const refused = signatureProblem(req, fields, key, true);
        if (refused) throw new CloudError('SIGN_PARAM_INVALID', `[localcloud] ${refused}`);
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
      const text = body.toString('utf8');
      if (jsonDepthExceeds(text)) throw new CloudError('INVALID_PARAM', `request body nested deeper than ${MAX_JSON_DEPTH} levels`);
      let params: Record<string, unknown>;
      try {
        params = text.length ? (JSON.parse(text) as Record<string, unknown>) : {};
      } catch {
        throw new CloudError('INVALID_PARAM', 'request body is not JSON');
      }
      if (!params || typeof params !== 'object' || Array.isArray(params)) throw new CloudError('INVALID_PARAM', 'request body must be a JSON object');
      const refused = signatureProblem(req, params, key);
      if (refused) throw new CloudError('SIGN_PARAM_INVALID', `[localcloud] ${refused}`);
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
      // like the cloud: HTTP 200 with { code, message }, which the SDK throws as an error carrying `code`
      sendJson(res, 200, errorBody(e, rid));
    }
  }

  /** The local cloud's own endpoints (outbox, ensure, reset, collections) need the run's secret key. */
  function hasRunKey(req: http.IncomingMessage): boolean {
    const given = Buffer.from(String(req.headers[KEY_HEADER] ?? ''));
    const expected = Buffer.from(key.secretKey);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  async function readJson(req: http.IncomingMessage): Promise<Record<string, unknown>> {
    const text = (await readBody(req)).toString('utf8') || '{}';
    if (jsonDepthExceeds(text)) throw new CloudError('INVALID_PARAM', `request body nested deeper than ${MAX_JSON_DEPTH} levels`);
    try {
      const v = JSON.parse(text) as unknown;
      if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
    } catch {
      // falls through
    }
    throw new CloudError('INVALID_PARAM', 'request body is not a JSON object');
  }

  async function handleLocal(pathname: string, url: URL, req: http.IncomingMessage, res: http.ServerResponse) {
    const rid = requestId();
    try {
      if (pathname === '/_local/health') return sendJson(res, 200, { ok: true });
      const known = pathname === '/outbox' || pathname.startsWith('/_local/');
      if (known && !hasRunKey(req)) return sendJson(res, 401, { code: 'SIGN_PARAM_INVALID', message: `[localcloud] ${pathname} needs the run's key (header ${KEY_HEADER})`, requestId: rid });
      if (pathname === '/outbox') {
        if (req.method === 'GET') return sendJson(res, 200, store.listOutbox(url.searchParams.get('api') ?? undefined));
        if (req.method === 'DELETE') return sendJson(res, 200, { deleted: store.clearOutbox() });
        if (req.method === 'POST') {
          const body = (await readJson(req)) as { api?: string; appid?: string; data?: unknown; response?: unknown };
          if (typeof body.api !== 'string' || !body.api) throw new CloudError('INVALID_PARAM', 'api is required');
          return sendJson(res, 200, { id: store.recordOutbox({ api: body.api, appid: typeof body.appid === 'string' ? body.appid : undefined, data: body.data, response: body.response }) });
        }
      }
      if (pathname === '/_local/info' && req.method === 'GET') return sendJson(res, 200, { ok: true, db: store.file, pid: process.pid });
      if (pathname === '/_local/collections' && req.method === 'GET') return sendJson(res, 200, store.listCollections());
      if (pathname === '/_local/ensure' && req.method === 'POST') {
        const body = (await readJson(req)) as { collections?: CollectionSpec[] };
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

  function storageError(res: http.ServerResponse, status: number, code: string, message: string) {
    const xml = `<?xml version='1.0' encoding='utf-8' ?><Error><Code>${code}</Code><Message>${message.replace(/[<&>]/g, '')}</Message><RequestId>${requestId()}</RequestId><TraceId>local</TraceId></Error>`;
    res.writeHead(status, { 'content-type': 'application/xml' });
    res.end(xml);
  }

  const server = http.createServer((req, res) => {
    try {
      const url = requestUrl(req);
      if (!url) return sendJson(res, 400, { code: 'INVALID_PARAM', message: '[localcloud] malformed request URL', requestId: requestId() });
      const refused = originProblem(req, hosts);
      if (refused) return sendJson(res, 403, { code: 'INVALID_PARAM', message: `[localcloud] refused: ${refused}`, requestId: requestId() });
      const pathname = url.pathname;
      if (pathname === '/admin' && req.method === 'POST') {
        void handleAdmin(req, res);
        return;
      }
      if (pathname.startsWith('/storage/upload/') && (req.method === 'PUT' || req.method === 'POST')) {
        const cloudPath = safeDecode(pathname.slice('/storage/upload/'.length));
        if (cloudPath === null) return storageError(res, 400, 'InvalidURI', 'malformed path encoding');
        try {
          files.resolve(cloudPath);
        } catch (e) {
          req.resume();
          return storageError(res, 400, 'InvalidURI', (e as Error).message);
        }
        if (!files.uploadTokenValid(cloudPath, String(req.headers['x-cos-security-token'] ?? ''))) {
          req.resume();
          return storageError(res, 403, 'AccessDenied', 'upload needs the token of storage.getUploadMetadata for this path');
        }
        readBody(req)
          .then((body) => {
            files.write(cloudPath, body);
            res.writeHead(200, { 'content-length': 0, etag: `"${body.length.toString(16)}"` });
            res.end();
          })
          .catch((e: Error) => storageError(res, 400, 'InvalidRequest', e.message));
        return;
      }
      if (pathname.startsWith('/storage/files/') && (req.method === 'GET' || req.method === 'HEAD')) {
        const cloudPath = safeDecode(pathname.slice('/storage/files/'.length));
        if (cloudPath === null) return storageError(res, 400, 'InvalidURI', 'malformed path encoding');
        files.serve(cloudPath, req, res);
        return;
      }
      void handleLocal(pathname, url, req, res);
    } catch (e) {
      if (!res.headersSent) sendJson(res, 500, errorBody(e, requestId()));
      else res.end();
    }
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
  hosts = allowedHosts(port);

  let closed = false;
  return {
    url: baseUrl,
    port,
    store,
    files,
    key,
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
