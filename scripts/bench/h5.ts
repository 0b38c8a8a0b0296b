/**
 * `npm run bench:h5`: the production H5 build served by the local server, in headless Chromium with the
 * network throttled to a rural 3G profile (1.6 Mbit/s down, 750 kbit/s up, 150 ms RTT) and the CPU slowed 4×,
 * cold cache each run. Prints, over N runs (default 5): time until the home page is interactive (the live
 * campaign's 开始答题 button rendered with data), and time from tapping 开始答题 until the first question shows.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocalEnvironment } from '../../appserver/localEnvironment';
import { adminApp } from '../shared/adminApp';
import { parseCommandLine, positiveInt } from '../shared/cliArgs';
import { launchChromium } from '../testing/chromium';
import { ensureH5Build } from '../shared/appBuild';

const USAGE = 'npm run bench:h5 -- [--runs 5]';
const runs = positiveInt(parseCommandLine(process.argv.slice(2), { runs: { type: 'string' } }, USAGE).values.runs, 5, 'runs', USAGE);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function main() {
  ensureH5Build();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pufa-bench-h5-'));
  const env = await startLocalEnvironment({ port: 0, dbFile: path.join(dir, 'bench.sqlite') });
  const db = adminApp('local', env.localCloudUrl).database();
  const now = Date.now();
  await db.collection('campaigns').add({
    _id: 'bench-live', title: '基准测试普法活动', bannerText: '学法用法', summary: '基准', start: new Date(now - 3600e3).toISOString(), end: new Date(now + 86400e3).toISOString(),
    themeLaws: ['xianfa'], lessonIds: [], quiz: { questionsPerQuiz: 10, passMark: 60, attemptsPerDay: 100, pool: { laws: ['xianfa'], tags: [] } },
    status: 'published', pinned: true, source: 'staff', version: 1, updatedAt: new Date().toISOString(),
  });
  const browser = await launchChromium();
  const home: number[] = [];
  const quiz: number[] = [];
  const bytes: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: (1.6e6 / 8) * 1, uploadThroughput: 750e3 / 8 });
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      let received = 0;
      cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => (received += e.encodedDataLength));
      const t0 = Date.now();
      await page.goto(env.url, { waitUntil: 'commit' });
      const start = page.locator('[data-testid="campaign-banner"]').first().getByText('开始答题');
      await start.waitFor({ state: 'visible', timeout: 60000 });
      home.push(Date.now() - t0);
      bytes.push(received);
      const t1 = Date.now();
      await start.click();
      await page.locator('[data-testid="question"]').first().waitFor({ state: 'visible', timeout: 60000 });
      quiz.push(Date.now() - t1);
      await context.close();
    }
  } finally {
    await browser.close();
    await env.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const fmt = (xs: number[]) => xs.map((x) => (x / 1000).toFixed(2)).join(' ');
  console.log(`rural 3G (1.6 Mbit/s down, 750 kbit/s up, 150 ms RTT), CPU 4× slower, cold cache, ${runs} runs`);
  console.log(`home interactive      median ${(median(home) / 1000).toFixed(2)} s   runs: ${fmt(home)}   target ≤ 2.5 s`);
  console.log(`tap quiz → question   median ${(median(quiz) / 1000).toFixed(2)} s   runs: ${fmt(quiz)}   target ≤ 1.0 s`);
  console.log(`bytes over the wire to home interactive: median ${Math.round(median(bytes) / 1024)} KiB`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
