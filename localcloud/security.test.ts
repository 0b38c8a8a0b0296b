/**
 * The local cloud is safe to leave running (issue #17): each bad request gets a structured 4xx and the
 * server still answers afterwards; requests must be signed with the run's key; uploads need the token of
 * getUploadMetadata; the outbox and reset need the run's key; Host and Origin are checked; deep JSON is
 * refused; storage paths never follow a symlink; the database file is the owner's only.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { createApp } from '../cloudfunctions/shared/cloudbase';
import { keyHeaders, runKey } from './runKey';
import { signJsonRequest } from './signature';
import { rawAction, rejection, startTestCloud, type TestCloud } from './testkit';

let t: TestCloud;

beforeAll(async () => {
  t = await startTestCloud();
  await t.db.createCollection('staff');
});
afterAll(() => t.close());

/** A raw HTTP request (fetch would normalise the path or refuse the Host header). */
function raw(method: string, rawPath: string, headers: Record<string, string> = {}, body?: string): Promise<{ status: number; body: string }> {
  const u = new URL(t.cloud.url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: u.hostname, port: u.port, method, path: rawPath, headers: { host: u.host, ...headers } }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function stillAnswers() {
  expect((await raw('GET', '/_local/health')).status).toBe(200);
}

test.each([
  ['GET', '//'],
  ['GET', '/storage/files/%E0%A4%A'],
  ['GET', '/storage/files/%'],
  ['PUT', '/storage/upload/%ff'],
  ['GET', '/storage/files/..%2f..%2fdb.sqlite'],
])('%s %s gets a 4xx and the server keeps answering', async (method, p) => {
  const res = await raw(method, p, {}, method === 'PUT' ? 'x' : undefined);
  expect(res.status).toBeGreaterThanOrEqual(400);
  expect(res.status).toBeLessThan(500);
  await stillAnswers();
});

test('unsigned and wrongly signed requests are refused; the same request signed with the run key works', async () => {
  const target = `${t.cloud.url}/admin?env=local`;
  const params = { action: 'database.insertDocument', collectionName: 'staff', data: ['{"_id":"intruder","openId":"x","role":"admin"}'] };
  const unsigned = await fetch(target, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(params) });
  expect(await unsigned.json()).toMatchObject({ code: 'SIGN_PARAM_INVALID' });
  const wrong = signJsonRequest(target, params, { secretId: runKey().secretId, secretKey: 'not-the-run-key' });
  expect(await (await fetch(target, { method: 'POST', ...wrong })).json()).toMatchObject({ code: 'SIGN_PARAM_INVALID' });
  const otherApp = createApp(t.cloud.url);
  // an SDK initialised with another key pair (e.g. a stale one) is refused too
  const saved = { ...runKey() };
  process.env.LOCALCLOUD_SECRETKEY = 'stale-key';
  const stale = createApp(t.cloud.url);
  process.env.LOCALCLOUD_SECRETKEY = saved.secretKey;
  expect((await rejection(stale.database().collection('staff').add({ _id: 'intruder2', role: 'admin' }))).code).toBe('SIGN_PARAM_INVALID');
  // a signed request with a parameter added after signing is refused
  const signed = signJsonRequest(target, params, runKey());
  const tampered = JSON.stringify({ ...params, transactionId: 'x' });
  expect(await (await fetch(target, { method: 'POST', headers: signed.headers, body: tampered })).json()).toMatchObject({ code: 'SIGN_PARAM_INVALID' });
  expect((await otherApp.database().collection('staff').count()).total).toBe(0);
  const ok = await rawAction(t.cloud.url, params);
  expect(ok.code).toBeUndefined();
  expect((await otherApp.database().collection('staff').doc('intruder').get()).data).toHaveLength(1);
});

test('uploads only through signed upload metadata; a stored file cannot be overwritten without it', async () => {
  await t.app.uploadFile({ cloudPath: 'qr/event.png', fileContent: Buffer.from('real') });
  const put = await fetch(`${t.cloud.url}/storage/upload/qr/event.png`, { method: 'PUT', body: 'forged' });
  expect(put.status).toBe(403);
  const forgedToken = await fetch(`${t.cloud.url}/storage/upload/qr/event.png`, { method: 'PUT', headers: { 'x-cos-security-token': 'zzz.abc' }, body: 'forged' });
  expect(forgedToken.status).toBe(403);
  const got = await fetch(`${t.cloud.url}/storage/files/qr/event.png`);
  expect(await got.text()).toBe('real');
  expect(got.headers.get('content-security-policy')).toMatch(/sandbox/);
});

test('the outbox, reset, ensure and collections need the run key', async () => {
  for (const [method, p] of [
    ['GET', '/outbox'],
    ['DELETE', '/outbox'],
    ['POST', '/_local/reset'],
    ['POST', '/_local/ensure'],
    ['GET', '/_local/collections'],
  ] as const) {
    expect((await fetch(`${t.cloud.url}${p}`, { method })).status).toBe(401);
    expect((await fetch(`${t.cloud.url}${p}`, { method, headers: { 'x-localcloud-key': 'guess' } })).status).toBe(401);
  }
  expect((await t.db.collection('staff').count()).total).toBeGreaterThan(0); // reset did not run
  expect((await fetch(`${t.cloud.url}/outbox`, { headers: keyHeaders() })).status).toBe(200);
});

test('Host and Origin are checked (DNS rebinding, cross-site pages)', async () => {
  expect((await raw('GET', '/_local/health', { host: 'evil.example:80' })).status).toBe(403);
  expect((await raw('POST', '/_local/reset', { origin: 'http://evil.example', ...keyHeaders() })).status).toBe(403);
  expect((await raw('GET', '/_local/health', { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
  await stillAnswers();
});

test('JSON nested 10,000 deep gets a structured 4xx', async () => {
  const deep = '['.repeat(10_000) + ']'.repeat(10_000);
  const res = await raw('POST', '/admin?env=local', { 'content-type': 'application/json' }, deep);
  expect(res.status).toBeLessThan(500);
  expect(JSON.parse(res.body)).toMatchObject({ code: 'INVALID_PARAM' });
  const outbox = await raw('POST', '/outbox', { 'content-type': 'application/json', ...keyHeaders() }, `{"api":"x","data":${deep}}`);
  expect(outbox.status).toBe(400);
  await stillAnswers();
});

test('storage never follows a symlink (an upload through a symlinked folder is refused)', async () => {
  const outside = fs.mkdtempSync(path.join(t.dir, 'outside-'));
  fs.symlinkSync(outside, path.join(t.cloud.files.root, 'linked'));
  const e = await rejection(t.app.uploadFile({ cloudPath: 'linked/x.txt', fileContent: Buffer.from('x') }));
  expect(e.message).toMatch(/symlink|invalid cloudPath/);
  expect(fs.readdirSync(outside)).toEqual([]);
  expect((await fetch(`${t.cloud.url}/storage/files/linked/x.txt`)).status).toBe(400);
});

test('the database file and its WAL are readable by the owner only', () => {
  for (const f of [t.dbFile, `${t.dbFile}-wal`]) expect(fs.statSync(f).mode & 0o777).toBe(0o600);
});

test('stored files are the owner\'s only too (files 0600, folders 0700)', async () => {
  await t.app.uploadFile({ cloudPath: 'exports/private/report.csv', fileContent: Buffer.from('a,b\n') });
  expect(fs.statSync(path.join(t.cloud.files.root, 'exports/private/report.csv')).mode & 0o777).toBe(0o600);
  for (const d of [t.cloud.files.root, path.join(t.cloud.files.root, 'exports'), path.join(t.cloud.files.root, 'exports/private')]) expect(fs.statSync(d).mode & 0o777).toBe(0o700);
});
