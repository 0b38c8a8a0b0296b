/**
 * The local app server is safe to leave running (issue #17): malformed URLs get 400 and the server keeps
 * answering; Host and Origin are checked; the API takes only JSON (no cross-origin text/plain posts); a
 * bad cookie of another app is ignored; deep JSON gets 400; static paths stay inside the build folder
 * (trailing separator, no symlinks); /dev/sign-in needs the run's token.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { startAppServer } from './appServer';

let app: { url: string; close: () => Promise<void> };
let dir: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'appserver-test-'));
  fs.mkdirSync(path.join(dir, 'h5'));
  fs.mkdirSync(path.join(dir, 'h5-sibling'));
  fs.writeFileSync(path.join(dir, 'h5', 'index.html'), '<html>app</html>');
  fs.writeFileSync(path.join(dir, 'h5-sibling', 'secret.txt'), 'sibling secret');
  fs.writeFileSync(path.join(dir, 'outside.txt'), 'outside');
  fs.symlinkSync(path.join(dir, 'outside.txt'), path.join(dir, 'h5', 'link.txt'));
  app = await startAppServer({ port: 0, h5Dir: path.join(dir, 'h5'), secret: 'test-secret', devSignInToken: 'run-token-123' });
});
afterAll(async () => {
  await app.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function raw(method: string, rawPath: string, headers: Record<string, string> = {}, body?: string): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  const u = new URL(app.url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: u.hostname, port: u.port, method, path: rawPath, headers: { host: u.host, ...headers } }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const stillAnswers = async () => expect((await raw('GET', '/healthz')).status).toBe(200);

test.each(['//', '/%E0%A4%A', '/%', '/api/fn/%ff'])('GET %s gets a 4xx and the server keeps answering', async (p) => {
  const res = await raw('GET', p);
  expect(res.status).toBeGreaterThanOrEqual(400);
  expect(res.status).toBeLessThan(500);
  await stillAnswers();
});

test('static files stay inside the build folder: no sibling folder, no symlink', async () => {
  expect((await raw('GET', '/index.html')).body).toBe('<html>app</html>');
  for (const p of ['/..%2fh5-sibling%2fsecret.txt', '/../h5-sibling/secret.txt', '/link.txt']) {
    const res = await raw('GET', p);
    expect(res.body).not.toMatch(/secret|outside/);
  }
});

test('Host and Origin are checked (DNS rebinding, other sites)', async () => {
  expect((await raw('GET', '/healthz', { host: 'rebound.example:8080' })).status).toBe(403);
  const cross = await raw('POST', '/api/fn/resident', { origin: 'http://evil.example', 'content-type': 'application/json' }, '{}');
  expect(cross.status).toBe(403);
  expect(JSON.parse(cross.body)).toMatchObject({ code: 'FORBIDDEN' });
  await stillAnswers();
});

test('the API refuses text/plain bodies (a cross-origin form post)', async () => {
  const res = await raw('POST', '/api/fn/resident', { 'content-type': 'text/plain' }, '{"action":"whoami"}');
  expect(res.status).toBe(415);
  expect(JSON.parse(res.body)).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
});

test('JSON nested 10,000 deep gets a structured 400', async () => {
  const deep = '['.repeat(10_000) + ']'.repeat(10_000);
  const res = await raw('POST', '/api/fn/resident', { 'content-type': 'application/json' }, deep);
  expect(res.status).toBe(400);
  expect(JSON.parse(res.body)).toMatchObject({ code: 'INVALID_INPUT' });
  await stillAnswers();
});

test('/dev/sign-in needs the run token; a bad cookie of another app does not break it', async () => {
  expect((await raw('GET', '/dev/sign-in?as=demo_admin_local')).status).toBe(403);
  expect((await raw('GET', '/dev/sign-in?as=demo_admin_local&token=wrong-token-12')).status).toBe(403);
  const ok = await raw('GET', '/dev/sign-in?as=demo_admin_local&token=run-token-123', { cookie: 'x=100%' });
  expect(ok.status).toBe(302);
  expect(String(ok.headers['set-cookie'])).toMatch(/pufa_rid=demo_admin_local/);
});

test('without a token option there is no /dev/sign-in at all', async () => {
  const plain = await startAppServer({ port: 0, h5Dir: path.join(dir, 'h5'), secret: 's' });
  try {
    const res = await fetch(`${plain.url}/dev/sign-in?as=demo_admin_local&token=anything`, { redirect: 'manual' });
    expect(res.status).not.toBe(302);
  } finally {
    await plain.close();
  }
});
