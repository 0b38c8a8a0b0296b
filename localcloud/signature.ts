/**
 * Verifies the TC3-HMAC-SHA256 signature every @cloudbase/node-sdk request carries (the scheme of
 * @cloudbase/signature-nodejs, which the SDK signs with), against the run's key pair. The canonical request
 * is rebuilt from what arrived: method, `//host/path`, the raw query, the signed headers (values lowercased
 * and trimmed, content-type as sent), and the signed body parameters (each JSON-stringified unless a string,
 * trimmed; multipart file parts as raw bytes). A body parameter that is not covered by the signature is
 * refused, so nothing can be added to a signed request. Signatures are valid for 600 s (X-Signature-Expires).
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type http from 'node:http';
import type { RunKey } from './runKey';

const AUTH = /^TC3-HMAC-SHA256 Credential=([^/\s]+)\/(\d{4}-\d{2}-\d{2})\/tcb\/tc3_request,(?: SignedParams=([^,]*),)? SignedHeaders=([^,\s]+), Signature=([0-9a-f]{64})$/;
const MAX_SKEW_S = 600;

const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest();

/** The TC3 signing key of a secret for one UTC day (three HMACs), derived once per secret and day. */
const signingKeys = new Map<string, Buffer>();
function signingKey(secretKey: string, date: string): Buffer {
  const id = `${date}\n${secretKey}`;
  let k = signingKeys.get(id);
  if (!k) {
    k = hmac(hmac(hmac(`TC3${secretKey}`, date), 'tcb'), 'tc3_request');
    if (signingKeys.size > 16) signingKeys.clear();
    signingKeys.set(id, k);
  }
  return k;
}

/** The SDK's formatKeyAndValue: keys lowercased; values stringified and trimmed, multipart parts as raw bytes. */
function formatted(params: Record<string, unknown>, multipart: boolean): Map<string, string | Buffer> {
  const out = new Map<string, string | Buffer>();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined) continue;
    const key = encodeURIComponent(k.toLowerCase().trim());
    if (Buffer.isBuffer(v)) out.set(key, multipart ? v : v.toString('utf8').trim());
    else out.set(key, (typeof v === 'string' ? v : JSON.stringify(v)).trim());
  }
  return out;
}

/** Null when `req` (with its decoded body `params`) is signed with `key`; otherwise why not. */
export function signatureProblem(req: http.IncomingMessage, params: Record<string, unknown>, key: RunKey, multipart = false, nowS = Date.now() / 1000): string | null {
  const m = AUTH.exec(String(req.headers.authorization ?? ''));
  if (!m) return 'the request is not signed (TC3-HMAC-SHA256)';
  const [, secretId, date, signedParamList, signedHeaderList, signature] = m as unknown as [string, string, string, string | undefined, string, string];
  if (secretId !== key.secretId) return 'signed with another key than this run\'s';
  const ts = Number(req.headers['x-timestamp']);
  if (!Number.isInteger(ts) || Math.abs(nowS - ts) > MAX_SKEW_S) return 'signature expired or X-Timestamp missing';
  if (new Date(ts * 1000).toISOString().slice(0, 10) !== date) return 'credential date does not match X-Timestamp';

  const headerNames = signedHeaderList.split(';');
  if (!headerNames.includes('host') || !headerNames.includes('content-type')) return 'host and content-type must be signed';
  const lines: string[] = [];
  for (const name of headerNames) {
    const raw = req.headers[name];
    if (raw === undefined || Array.isArray(raw)) return `signed header ${name} missing`;
    const value = name === 'content-type' ? (raw.startsWith('multipart/form-data') ? 'multipart/form-data' : raw) : raw.trim().toLowerCase();
    lines.push(`${name}:${value}`);
  }

  const values = formatted(params, multipart);
  const signedParams = signedParamList ? signedParamList.split(';').filter(Boolean) : [];
  const covered = new Set(signedParams);
  for (const [k, v] of values) if (v.length && !covered.has(k)) return `body parameter ${k} is not covered by the signature`;
  const payload = createHash('sha256');
  for (const k of signedParams) {
    const v = values.get(k);
    if (v === undefined || !v.length) return `signed parameter ${k} missing`;
    payload.update(`&${k}=`);
    payload.update(v);
    payload.update('\r\n');
  }
  const hashedPayload = payload.digest('hex');

  const rawUrl = req.url ?? '/';
  const q = rawUrl.indexOf('?');
  const pathPart = q >= 0 ? rawUrl.slice(0, q) : rawUrl;
  const query = q >= 0 ? rawUrl.slice(q + 1).split('#')[0]! : '';
  const derived = signingKey(key.secretKey, date);
  const expected = Buffer.from(signature, 'hex');
  // The SDK signs the method in lower case ('post'); other signers use it as sent.
  for (const method of new Set([(req.method ?? 'POST').toLowerCase(), req.method ?? 'POST'])) {
    const canonical = `${method}\n//${req.headers.host}${pathPart}\n${query}\n${lines.join('\n')}\n\n${signedHeaderList}\n${hashedPayload}`;
    const toSign = `TC3-HMAC-SHA256\n${ts}\n${date}/tcb/tc3_request\n${createHash('sha256').update(canonical).digest('hex')}`;
    if (timingSafeEqual(hmac(derived, toSign), expected)) return null;
  }
  return 'signature does not match (wrong key, or the request was changed after signing)';
}

/** Headers and body of a JSON request signed like the SDK signs it (for tests and tools that send raw actions). */
export function signJsonRequest(url: string, params: Record<string, unknown>, key: RunKey, nowS = Math.floor(Date.now() / 1000) - 1): { headers: Record<string, string>; body: string } {
  const u = new URL(url);
  const headers: Record<string, string> = { 'content-type': 'application/json', host: u.host };
  const values = formatted(params, false);
  const signedParams = [...values.keys()].filter((k) => values.get(k)!.length).sort((a, b) => a.localeCompare(b));
  const payload = createHash('sha256');
  for (const k of signedParams) payload.update(`&${k}=`).update(values.get(k)!).update('\r\n');
  const names = Object.keys(headers).sort((a, b) => a.localeCompare(b));
  const lines = names.map((n) => `${n}:${n === 'content-type' ? headers[n] : headers[n]!.trim().toLowerCase()}`);
  const date = new Date(nowS * 1000).toISOString().slice(0, 10);
  const canonical = `POST\n//${u.host}${u.pathname}\n${u.search.slice(1)}\n${lines.join('\n')}\n\n${names.join(';')}\n${payload.digest('hex')}`;
  const toSign = `TC3-HMAC-SHA256\n${nowS}\n${date}/tcb/tc3_request\n${createHash('sha256').update(canonical).digest('hex')}`;
  const signature = hmac(signingKey(key.secretKey, date), toSign).toString('hex');
  return {
    headers: {
      'content-type': 'application/json',
      authorization: `TC3-HMAC-SHA256 Credential=${key.secretId}/${date}/tcb/tc3_request, SignedParams=${signedParams.join(';')}, SignedHeaders=${names.join(';')}, Signature=${signature}`,
      'x-timestamp': String(nowS),
    },
    body: JSON.stringify(params),
  };
}
