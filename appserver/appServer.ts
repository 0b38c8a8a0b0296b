/**
 * The local app server (http://127.0.0.1:8080 by default): the H5 build, and every cloud function as
 * POST /api/fn/<name> taking the same event JSON `wx.cloud.callFunction` sends and returning the same
 * result JSON. The caller's identity is the signed cookie, handed to the function as WX_OPENID.
 *
 * Safe to leave running: a request line that does not parse gets 400 (never a crash); Host must be this
 * server's own loopback name (DNS rebinding) and a browser request from another origin is refused; the API
 * takes only application/json (no cross-origin text/plain form posts); a malformed cookie of another app is
 * ignored; JSON nested deeper than 64 levels gets 400; /dev/sign-in exists only with an explicit per-run token.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { timingSafeEqual } from 'node:crypto';
import { runFunction } from '../localcloud/runFunction';
import { allowedHosts, jsonDepthExceeds, originProblem, requestUrl } from '../localcloud/requestGuards';
import { loadFunction } from './functions';
import { createStaticHandler } from './staticFiles';
import { readDevOutbox, type DevOutboxSource } from './devOutbox';
import { COOKIE_NAME, cookieHeader, newResidentId, parseCookies, sign, verify } from './identityCookie';

export interface AppServerOptions {
  port: number;
  host?: string;
  h5Dir: string;
  secret: string;
  /**
   * Local only: GET /dev/sign-in?as=<openId>&token=<this> switches the browser to that identity (the demo
   * admin). Off unless a token is given; `npm start` makes one per run and prints the link.
   */
  devSignInToken?: string;
  /** Names besides the loopback ones this server answers to (e.g. a LAN address for a phone). */
  extraHosts?: string[];
  appId?: string;
  /** Local only: GET /dev/outbox for the push page (the local cloud's recorded messages). */
  devOutbox?: DevOutboxSource;
}

const MAX_BODY = 64 * 1024;

function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(text);
}

function readBody(req: http.IncomingMessage): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) tooLarge = true;
      else chunks.push(c);
    });
    req.on('end', () => resolve(tooLarge ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export async function startAppServer(options: AppServerOptions): Promise<{ url: string; close: () => Promise<void> }> {
  const serveStatic = createStaticHandler(options.h5Dir);
  const appId = options.appId ?? 'local-h5';
  let hosts = new Set<string>();

  function currentId(req: http.IncomingMessage): string | null {
    return verify(parseCookies(req.headers.cookie)[COOKIE_NAME], options.secret);
  }

  function identity(req: http.IncomingMessage): { openId: string; setCookie?: string } {
    const current = currentId(req);
    if (current) return { openId: current };
    const openId = newResidentId();
    return { openId, setCookie: cookieHeader(sign(openId, options.secret)) };
  }

  const server = http.createServer(async (req, res) => {
    try {
      const url = requestUrl(req);
      if (!url) return sendJson(res, 400, { ok: false, code: 'INVALID_INPUT', message: '请求地址格式不正确' });
      const refused = originProblem(req, hosts);
      if (refused) return sendJson(res, 403, { ok: false, code: 'FORBIDDEN', message: `不接受这个来源的请求（${refused}）` });
      const fn = /^\/api\/fn\/([A-Za-z0-9_-]+)$/.exec(url.pathname);
      if (fn) {
        if (req.method !== 'POST') return sendJson(res, 405, { ok: false, code: 'INVALID_INPUT', message: '请使用 POST 调用云函数' });
        if (!/^application\/json\s*(;|$)/i.test(String(req.headers['content-type'] ?? ''))) {
          return sendJson(res, 415, { ok: false, code: 'INVALID_INPUT', message: '请求内容必须是 JSON（content-type: application/json）' });
        }
        const mod = loadFunction(fn[1]);
        if (!mod) return sendJson(res, 404, { ok: false, code: 'UNKNOWN_ACTION', message: '没有这个云函数' });
        const body = await readBody(req);
        if (body === 'too-large') return sendJson(res, 413, { ok: false, code: 'PAYLOAD_TOO_LARGE', message: '提交的内容过大，请减少后重试' });
        const text = body.toString('utf8');
        if (jsonDepthExceeds(text)) return sendJson(res, 400, { ok: false, code: 'INVALID_INPUT', message: '请求内容嵌套过深' });
        let event: unknown;
        try {
          event = text.length ? JSON.parse(text) : {};
        } catch {
          return sendJson(res, 400, { ok: false, code: 'INVALID_INPUT', message: '请求内容不是有效的 JSON' });
        }
        const who = identity(req);
        const { main } = await mod;
        const result = await runFunction(main, event, { openId: who.openId, appId });
        return sendJson(res, 200, result, who.setCookie ? { 'set-cookie': who.setCookie } : {});
      }
      if (url.pathname === '/dev/sign-in' && options.devSignInToken) {
        const token = url.searchParams.get('token') ?? '';
        if (!sameSecret(token, options.devSignInToken)) return sendJson(res, 403, { ok: false, code: 'FORBIDDEN', message: '登录链接无效：请使用 npm start 打印的链接' });
        const as = url.searchParams.get('as') ?? '';
        if (!/^[A-Za-z0-9_-]{8,64}$/.test(as)) return sendJson(res, 400, { ok: false, code: 'INVALID_INPUT', message: '身份编号格式不正确' });
        res.writeHead(302, { location: '/', 'set-cookie': cookieHeader(sign(as, options.secret)), 'cache-control': 'no-store' });
        return res.end();
      }
      if (url.pathname === '/dev/outbox' && options.devOutbox && req.method === 'GET') {
        const current = currentId(req);
        if (!current) return sendJson(res, 403, { ok: false, code: 'FORBIDDEN', message: '需要编辑及以上权限' });
        const limit = Math.min(200, Math.max(1, Number(url.searchParams.get('limit')) || 20));
        const out = await readDevOutbox(options.devOutbox, current, limit);
        return sendJson(res, out.status, out.body);
      }
      if (url.pathname === '/healthz') return sendJson(res, 200, { ok: true });
      if ((req.method === 'GET' || req.method === 'HEAD') && serveStatic(req, res, url)) return;
      sendJson(res, 404, { ok: false, code: 'NOT_FOUND', message: '页面不存在' });
    } catch (error) {
      console.error('[app server]', error);
      if (!res.headersSent) sendJson(res, 500, { ok: false, code: 'INTERNAL', message: '服务暂时不可用，请稍后重试' });
      else res.end();
    }
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const bound = options.host && !['127.0.0.1', '0.0.0.0', '::'].includes(options.host) ? [options.host] : [];
  hosts = allowedHosts(port, [...bound, ...(options.extraHosts ?? [])]);
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
