/**
 * 电子证书 end to end on the local cloud: issued once per resident and campaign when a passed attempt is recorded
 * (however often or concurrently it is submitted), raised to 优秀 by a better score with the same number, listed
 * in 我的证书, and verified publicly: 有效 for an issued number; 无效 for a forged, an altered, another town's or
 * an authentic-looking but never issued one; and no response names or identifies the holder.
 */
import { startLocalEnvironment, type LocalEnvironment } from '../../appserver/localEnvironment';
import { adminApp } from '../../scripts/shared/adminApp';
import { HttpResident, testId } from '../../scripts/testing/residentClient';
import { campaignDoc } from '../../scripts/testing/campaignDoc';
import { keyHeaders } from '../../localcloud/runKey';
import { displayedAnswer } from '../shared/quiz/quizEngine';
import { personKey } from '../shared/identity';
import { newCertificateNumber } from '../shared/certificates/number';
import type { AttemptDoc, CertificateDoc } from '../shared/documents';
import { main as residentMain } from './index';

let env: LocalEnvironment;
let db: ReturnType<ReturnType<typeof adminApp>['database']>;
let townName: string;

async function addCampaign(id: string) {
  await db.collection('campaigns').add(campaignDoc(id, { title: `证书测试活动 ${id}`, quiz: { attemptsPerDay: 10, pool: { laws: ['xianfa', 'falvyuanzhu'], tags: [] } } }));
}

/** Answers giving `right` of the attempt's 5 questions right (the rest wrong): 20 points each. */
async function answers(attemptId: string, right: number) {
  const attempt = (await db.collection('attempts').doc(attemptId).get()).data[0] as AttemptDoc;
  return attempt.drawn.map((d, i) => {
    const key = displayedAnswer(d.snapshot, d);
    if (i < right) return { questionId: d.questionId, answer: key };
    if (typeof key === 'boolean') return { questionId: d.questionId, answer: !key };
    const wrong = d.optionOrder.map((_, k) => String.fromCharCode(65 + k)).find((letter) => !key.includes(letter))!;
    return { questionId: d.questionId, answer: [wrong] };
  });
}

async function takeQuiz(r: HttpResident, campaignId: string, right: number) {
  const attemptId = testId('cert');
  await r.ok('startQuiz', { campaignId, attemptId });
  return { attemptId, answers: await answers(attemptId, right) };
}

const certificatesOf = async (key: string, campaignId: string) => (await db.collection('certificates').where({ personKey: key, campaignId }).get()).data as CertificateDoc[];

/** Whatever of the holder could identify them: their OPENID, their pseudonym, the document id. */
function leaks(json: unknown, openId: string): string[] {
  const text = JSON.stringify(json);
  const key = personKey(openId);
  return [openId, key, `${key}|`, 'personKey', 'openId', 'attemptId'].filter((s) => text.includes(s));
}

beforeAll(async () => {
  env = await startLocalEnvironment({ port: 0, dbFile: ':memory:', allowDevSignIn: true });
  db = adminApp('local', env.localCloudUrl).database();
  townName = ((await db.collection('settings').doc('town').get()).data[0] as { name: string }).name;
  await addCampaign('cert-a');
  await addCampaign('cert-b');
  await addCampaign('cert-c');
  await addCampaign('cert-who');
});
afterAll(async () => {
  await env?.close();
});

/** The OPENID the local server gave this browser (it is the resident document's openId). */
async function openIdFor(r: HttpResident): Promise<string> {
  const attemptId = testId('who');
  await r.ok('startQuiz', { campaignId: 'cert-who', attemptId }); // a campaign no test submits in
  return ((await db.collection('attempts').doc(attemptId).get()).data[0] as AttemptDoc).openId;
}

describe('issuing', () => {
  it('a failed attempt earns nothing; a pass earns one certificate, 合格 below 90 and 优秀 from 90, with the same number', async () => {
    const r = new HttpResident(env.url);
    const openId = await openIdFor(r);
    const key = personKey(openId);

    const failed = await takeQuiz(r, 'cert-a', 2);
    expect((await r.ok('submitAttempt', failed)).passed).toBe(false);
    expect(await certificatesOf(key, 'cert-a')).toHaveLength(0);
    expect(await r.ok('listMyCertificates', {})).toEqual([]);

    const passed = await takeQuiz(r, 'cert-a', 4);
    expect((await r.ok('submitAttempt', passed)).score).toBe(80);
    const [first] = await r.ok('listMyCertificates', {});
    expect(first).toMatchObject({ campaignId: 'cert-a', grade: '合格', score: 80, townName });
    expect(first.number).toMatch(/^\d{4}-[0-9A-Z]{8}-[0-9A-Z]{6}$/);

    const best = await takeQuiz(r, 'cert-a', 5);
    expect((await r.ok('submitAttempt', best)).score).toBe(100);
    const lower = await takeQuiz(r, 'cert-a', 3);
    await r.ok('submitAttempt', lower);
    const mine = await r.ok('listMyCertificates', {});
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ number: first.number, grade: '优秀', score: 100, issuedDay: first.issuedDay });
    expect(await certificatesOf(key, 'cert-a')).toHaveLength(1);
    expect(leaks(mine, openId)).toEqual([]);
  });

  it('is idempotent: three retries and 20 concurrent submits of the same passing attempt issue one certificate', async () => {
    const r = new HttpResident(env.url);
    const openId = await openIdFor(r);
    const quiz = await takeQuiz(r, 'cert-b', 5);
    const concurrent = await Promise.all(Array.from({ length: 20 }, () => r.call('submitAttempt', quiz)));
    expect(concurrent.every((c) => c.ok && c.data.score === 100)).toBe(true);
    for (let i = 0; i < 3; i++) await r.ok('submitAttempt', quiz);
    const docs = await certificatesOf(personKey(openId), 'cert-b');
    expect(docs).toHaveLength(1);
    expect(await r.ok('listMyCertificates', {})).toEqual([expect.objectContaining({ number: docs[0].number, grade: '优秀' })]);
  });

  it('a crash after the participation was stored and before the certificate: the retry issues it', async () => {
    const r = new HttpResident(env.url);
    const openId = await openIdFor(r);
    const quiz = await takeQuiz(r, 'cert-c', 5);
    await r.ok('submitAttempt', quiz);
    const [doc] = await certificatesOf(personKey(openId), 'cert-c');
    await db.collection('certificates').doc(doc._id).remove();
    await r.ok('submitAttempt', quiz);
    expect(await certificatesOf(personKey(openId), 'cert-c')).toHaveLength(1);
  });
});

describe('verification', () => {
  let holder: HttpResident;
  let holderOpenId: string;
  let number: string;
  beforeAll(async () => {
    holder = new HttpResident(env.url);
    holderOpenId = await openIdFor(holder);
    await holder.ok('submitAttempt', await takeQuiz(holder, 'cert-b', 4));
    number = (await holder.ok('listMyCertificates', {}))[0].number;
  });

  it('an issued number is 有效 for anyone, with the campaign, date and town and nothing about the holder', async () => {
    const stranger = new HttpResident(env.url);
    const v = await stranger.ok('verifyCertificate', { number });
    expect(v).toEqual({ valid: true, certificate: { number, campaignId: 'cert-b', campaignTitle: '证书测试活动 cert-b', townName, grade: '合格', day: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) } });
    expect(leaks(v, holderOpenId)).toEqual([]);
    expect(leaks({ holder: personKey(holderOpenId) }, holderOpenId)).not.toEqual([]); // the check can fail
    // typed by hand: lower case with spaces
    expect((await stranger.ok('verifyCertificate', { number: ` ${number.toLowerCase()} ` })).valid).toBe(true);
  });

  it('works without any identity (a caller the function cannot name)', async () => {
    const res = await residentMain({ action: 'verifyCertificate', input: { number } }, {});
    expect(res).toMatchObject({ ok: true, data: { valid: true } });
    expect(leaks(res, holderOpenId)).toEqual([]);
    // the same anonymous caller cannot list or open certificates
    expect(await residentMain({ action: 'listMyCertificates', input: {} }, {})).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
  });

  it('forged, altered, another town\'s and never-issued numbers are 无效, with nothing else', async () => {
    const stranger = new HttpResident(env.url);
    const serial = number.split('-')[1];
    const altered = [
      number.replace(serial, serial.slice(0, -1) + (serial.endsWith('7') ? '8' : '7')),
      number.slice(0, -1) + (number.endsWith('7') ? '8' : '7'),
      `${Number(number.slice(0, 4)) + 1}${number.slice(4)}`,
    ];
    const forged = [`${number.slice(0, 4)}-ABCDEFGH-JKMNPQ`, `${number.slice(0, 14)}-000000`];
    const otherTown = [newCertificateNumber(Number(number.slice(0, 4)), '某省某县某镇', 'other-town-secret-0123456789'), newCertificateNumber(2026, '某省某县某镇')];
    const neverIssued = newCertificateNumber(2026, townName); // passes the check (same key), but was never issued
    for (const n of [...altered, ...forged, ...otherTown, neverIssued, 'hello', '']) {
      const res = await stranger.call('verifyCertificate', { number: n });
      if (n === '') {
        expect(res).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
        continue;
      }
      expect([n, res]).toEqual([n, { ok: true, data: { valid: false, certificate: null } }]);
    }
  });

  it("another resident cannot open or list someone's certificate", async () => {
    const other = new HttpResident(env.url);
    const res = await other.call('getMyCertificate', { number });
    expect(res).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(leaks(res, holderOpenId)).toEqual([]);
    const list = await other.ok('listMyCertificates', {});
    expect(list).toEqual([]);
    expect(leaks(list, holderOpenId)).toEqual([]);
  });

  it('the holder gets the verification code: an H5 QR of the verification URL, or a mini-program code with scene c=<number>', async () => {
    const h5 = await holder.ok('getMyCertificate', { number, h5Base: `${env.url}/` });
    expect(h5.certificate.number).toBe(number);
    expect(h5.verify.h5Url).toBe(`${env.url}/#/packages/certificate/pages/verify/index?no=${number}`);
    expect(h5.verify.h5QrDataUrl).toMatch(/^data:image\/png;base64,/);
    expect(leaks(h5, holderOpenId)).toEqual([]);

    await fetch(`${env.localCloudUrl}/outbox`, { method: 'DELETE', headers: keyHeaders() });
    const wx = await holder.ok('getMyCertificate', { number });
    expect(wx.verify).toMatchObject({ scene: `c=${number}`, page: 'packages/certificate/pages/verify/index', wxacodeError: null, h5Url: null });
    expect(wx.verify.scene.length).toBeLessThanOrEqual(32);
    const png = await fetch(wx.verify.wxacodeUrl);
    expect(Buffer.from(await png.arrayBuffer()).subarray(1, 4).toString()).toBe('PNG');
    // made once, then reused
    await holder.ok('getMyCertificate', { number });
    const calls = (await (await fetch(`${env.localCloudUrl}/outbox?api=wxacode.getUnlimited`, { headers: keyHeaders() })).json()) as { data: { scene: string; page: string } }[];
    expect(calls.map((c) => c.data)).toEqual([expect.objectContaining({ scene: `c=${number}`, page: 'packages/certificate/pages/verify/index' })]);
  });
});
