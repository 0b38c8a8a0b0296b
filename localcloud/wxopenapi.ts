/**
 * WeChat open API calls (`cloud.openapi.*` of wx-server-sdk, `app.callWxOpenApi` of node-sdk), recorded in
 * the outbox instead of being sent.
 *
 * wx-server-sdk passes `serviceUrl` from `cloud.init` to its bundled node-sdk, so `cloud.openapi.x.y(data)`
 * arrives here as action `wx.openApi`: a multipart form whose `requestData` is a protobuf `CommApiData`
 * (apiType, openapiData.pairs[{ key, value: JSON bytes }], appid). The answer is a protobuf
 * `CommOpenApiResp` (respData, contentType, errorCode, httpCode). The few messages involved are encoded and
 * decoded here by hand (protobuf wire format: varints and length-delimited fields).
 */
import QRCode from 'qrcode';
import type { LocalStore } from './store';

// ---------------------------------------------------------------------------------------------------------
// Minimal protobuf wire format

function readVarint(buf: Buffer, pos: number): [number, number] {
  let result = 0;
  let shift = 0;
  for (;;) {
    if (pos >= buf.length) throw new Error('truncated varint');
    const b = buf[pos++]!;
    result += (b & 0x7f) * 2 ** shift;
    if (!(b & 0x80)) return [result, pos];
    shift += 7;
    if (shift > 63) throw new Error('varint too long');
  }
}

type Field = { no: number; wire: number; value: number | Buffer };

function decodeFields(buf: Buffer): Field[] {
  const out: Field[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const [tag, p1] = readVarint(buf, pos);
    pos = p1;
    const no = Math.floor(tag / 8);
    const wire = tag & 7;
    if (wire === 0) {
      const [v, p2] = readVarint(buf, pos);
      pos = p2;
      out.push({ no, wire, value: v });
    } else if (wire === 2) {
      const [len, p2] = readVarint(buf, pos);
      out.push({ no, wire, value: buf.subarray(p2, p2 + len) });
      pos = p2 + len;
    } else if (wire === 5) {
      out.push({ no, wire, value: buf.readUInt32LE(pos) });
      pos += 4;
    } else if (wire === 1) {
      out.push({ no, wire, value: buf.subarray(pos, pos + 8) });
      pos += 8;
    } else throw new Error(`unsupported wire type ${wire}`);
  }
  return out;
}

function varint(n: number): Buffer {
  const bytes: number[] = [];
  let v = n;
  if (v < 0) v = 2 ** 64 + v; // int32 negatives are sign-extended to 64 bits
  do {
    let b = v % 128;
    v = Math.floor(v / 128);
    if (v > 0) b |= 0x80;
    bytes.push(b);
  } while (v > 0);
  return Buffer.from(bytes);
}

function lenField(no: number, data: Buffer): Buffer {
  return Buffer.concat([varint(no * 8 + 2), varint(data.length), data]);
}

function varintField(no: number, n: number): Buffer {
  return Buffer.concat([varint(no * 8), varint(n)]);
}

export interface OpenApiRequest {
  apiType: number;
  appid?: string;
  data: Record<string, unknown>;
}

export function decodeCommApiData(buf: Buffer): OpenApiRequest {
  const req: OpenApiRequest = { apiType: 0, data: {} };
  for (const f of decodeFields(buf)) {
    if (f.no === 1 && f.wire === 0) req.apiType = f.value as number;
    else if (f.no === 6 && f.wire === 2) req.appid = (f.value as Buffer).toString('utf8');
    else if (f.no === 2 && f.wire === 2) {
      for (const pair of decodeFields(f.value as Buffer)) {
        if (pair.no !== 1 || pair.wire !== 2) continue;
        let key = '';
        let value: Buffer = Buffer.alloc(0);
        let contentType: string | undefined;
        for (const kv of decodeFields(pair.value as Buffer)) {
          if (kv.no === 1) key = (kv.value as Buffer).toString('utf8');
          else if (kv.no === 2) value = kv.value as Buffer;
          else if (kv.no === 3) contentType = (kv.value as Buffer).toString('utf8');
        }
        let parsed: unknown;
        if (contentType) parsed = { contentType, base64: value.toString('base64') };
        else {
          try {
            parsed = JSON.parse(value.toString('utf8'));
          } catch {
            parsed = value.toString('utf8');
          }
        }
        req.data[key] = parsed;
      }
    }
  }
  return req;
}

export function encodeCommOpenApiResp(resp: { respData: Buffer; contentType: string; errorCode?: number; httpCode?: number }): Buffer {
  return Buffer.concat([lenField(1, resp.respData), lenField(2, Buffer.from(resp.contentType, 'utf8')), varintField(3, resp.errorCode ?? 0), varintField(4, resp.httpCode ?? 200)]);
}

/** For tests: the CommApiData wx-server-sdk would send. */
export function encodeCommApiData(data: Record<string, unknown>, appid?: string): Buffer {
  const pairs = Object.entries(data).map(([k, v]) => lenField(1, Buffer.concat([lenField(1, Buffer.from(k)), lenField(2, Buffer.from(JSON.stringify(v)))])));
  const parts = [varintField(1, 1), lenField(2, Buffer.concat(pairs))];
  if (appid) parts.push(lenField(6, Buffer.from(appid)));
  return Buffer.concat(parts);
}

// ---------------------------------------------------------------------------------------------------------
// Multipart (the form node-sdk's form-data writes)

export function parseMultipart(body: Buffer, contentType: string): Record<string, Buffer> {
  const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  if (!m) throw new Error('multipart boundary missing');
  const boundary = Buffer.from(`--${m[1] ?? m[2]}`);
  const out: Record<string, Buffer> = {};
  let pos = body.indexOf(boundary);
  while (pos !== -1) {
    const start = pos + boundary.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const headerEnd = body.indexOf('\r\n\r\n', start);
    if (headerEnd === -1) break;
    const headers = body.subarray(start, headerEnd).toString('utf8');
    const next = body.indexOf(boundary, headerEnd + 4);
    if (next === -1) break;
    const content = body.subarray(headerEnd + 4, next - 2); // strip the CRLF before the boundary
    const name = /name="([^"]*)"/i.exec(headers)?.[1];
    if (name !== undefined) out[name] = content;
    pos = next;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Emulated APIs

const JSON_OK = { errcode: 0, errmsg: 'ok' };

/** Open APIs that answer `{ errcode: 0 }` locally; everything else fails loudly. */
const ACKNOWLEDGED = new Set([
  'subscribeMessage.send',
  'uniformMessage.send',
  'customerServiceMessage.send',
  'templateMessage.send',
  'updatableMessage.setUpdatableMsg',
]);

const QR_APIS = new Set(['wxacode.getUnlimited', 'wxacode.get', 'wxacode.createQRCode']);

export interface OpenApiResult {
  contentType: string;
  body: Buffer;
  /** Summary kept in the outbox. */
  summary: unknown;
}

async function qrPng(text: string, width: number): Promise<Buffer> {
  return QRCode.toBuffer(text, { type: 'png', width: Math.max(128, Math.min(1280, width || 430)), margin: 2, errorCorrectionLevel: 'M' });
}

export async function emulateOpenApi(api: string, data: Record<string, unknown>): Promise<OpenApiResult> {
  if (QR_APIS.has(api)) {
    const page = String(data.page ?? data.path ?? '');
    const scene = data.scene !== undefined ? String(data.scene) : '';
    const text = `localcloud-wxacode:${api}?page=${encodeURIComponent(page)}${scene ? `&scene=${encodeURIComponent(scene)}` : ''}`;
    const body = await qrPng(text, Number(data.width));
    return { contentType: 'image/png', body, summary: { contentType: 'image/png', bytes: body.length, text } };
  }
  // WeChat refusing a message, for tests and demos: a receiver OPENID starting `localfail_<errcode>_` gets that
  // errcode back (localfail_43101_x: the user has no subscription left). Still recorded in the outbox.
  const refusal = api === 'subscribeMessage.send' ? /^localfail_(\d{4,6})_/.exec(String(data.touser ?? '')) : null;
  if (refusal) {
    const reply = { errcode: Number(refusal[1]), errmsg: `localcloud: simulated refusal for ${String(data.touser)}` };
    return { contentType: 'application/json; charset=utf-8', body: Buffer.from(JSON.stringify(reply)), summary: reply };
  }
  if (ACKNOWLEDGED.has(api)) {
    const reply = api === 'subscribeMessage.send' ? { ...JSON_OK, msgid: Date.now() } : JSON_OK;
    return { contentType: 'application/json; charset=utf-8', body: Buffer.from(JSON.stringify(reply)), summary: reply };
  }
  if (api === 'security.msgSecCheck') {
    const reply = { ...JSON_OK, result: { suggest: 'pass', label: 100 }, detail: [], trace_id: `local-${Date.now()}` };
    return { contentType: 'application/json; charset=utf-8', body: Buffer.from(JSON.stringify(reply)), summary: reply };
  }
  const reply = { errcode: -1, errmsg: `localcloud: open API ${api} is not emulated (see localcloud/README.md)` };
  return { contentType: 'application/json; charset=utf-8', body: Buffer.from(JSON.stringify(reply)), summary: reply };
}

/** Handles `wx.openApi` (protobuf in, protobuf out). */
export async function handleWxOpenApi(store: LocalStore, fields: Record<string, Buffer>): Promise<Buffer> {
  const api = fields.apiName?.toString('utf8') ?? '';
  const env = fields.envName?.toString('utf8');
  const req = decodeCommApiData(fields.requestData ?? Buffer.alloc(0));
  const result = await emulateOpenApi(api, req.data);
  store.recordOutbox({ api, appid: req.appid, env, data: req.data, response: result.summary });
  return encodeCommOpenApiResp({ respData: result.body, contentType: result.contentType });
}

/** Handles `wx.api` (node-sdk's callWxOpenApi: JSON in, JSON out). */
export async function handleWxApi(store: LocalStore, params: Record<string, unknown>): Promise<Record<string, unknown>> {
  const api = String(params.apiName ?? '');
  let data: Record<string, unknown> = {};
  if (typeof params.requestData === 'string' && params.requestData) data = JSON.parse(params.requestData) as Record<string, unknown>;
  const result = await emulateOpenApi(api, data);
  store.recordOutbox({ api, env: params.envName as string | undefined, data, response: result.summary });
  const responseData = result.contentType.startsWith('application/json') ? result.body.toString('utf8') : JSON.stringify({ contentType: result.contentType, base64: result.body.toString('base64') });
  return { data: { responseData } };
}
