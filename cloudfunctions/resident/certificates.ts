/**
 * 电子证书: issued when a passed quiz attempt is recorded (once per resident and campaign edition; the grade
 * follows the best score), listed in 我的证书, and verified by anyone who scans its code (证书查验).
 * Verification answers only 有效/无效 with the campaign, the date and the town: nothing about the holder.
 */
import type { ActionContext } from '../shared/handler';
import type { AttemptResult } from '../contracts/resident';
import type { AttemptDoc, CertificateDoc } from '../shared/documents';
import { CERTIFICATE_VERIFY_PAGE, certificateGrade, type CertificateFace, type CertificatePage, type CertificateView, type Verification } from '../contracts/certificates';
import { chinaDay } from '../contracts/time';
import { isDuplicateWrite, notFound } from '../shared/errors';
import { personKey } from '../shared/identity';
import { findOne, getDoc } from '../shared/database';
import { loadTown } from '../shared/town';
import { isAuthenticNumber, newCertificateNumber, normaliseCertificateNumber } from '../shared/certificates/number';
import { h5PageUrl, qrDataUrl, storeMiniProgramCode, tempUrls } from '../shared/scanCodes';

export const certificateId = (key: string, campaignId: string) => `${key}|${campaignId}`;
export const verifySceneOf = (number: string) => `c=${number}`;

/** Raises the certificate to a better score (a conditional update: concurrent better scores end at the best). */
async function raise(ctx: ActionContext, id: string, fields: Pick<CertificateDoc, 'score' | 'grade' | 'attemptId' | 'day'>): Promise<void> {
  await ctx.db.collection('certificates').where({ _id: id, score: ctx.db.command.lt(fields.score) }).update(fields);
}

/**
 * Issues (or raises) the certificate a graded attempt earns. Idempotent: a retry, a concurrent submit of the same
 * attempt or of another attempt of the same campaign never makes a second certificate (the `_id` is the resident
 * and campaign); a better score raises the grade, keeping the number.
 */
export async function issueCertificate(ctx: ActionContext, attempt: AttemptDoc, result: AttemptResult): Promise<void> {
  const grade = certificateGrade(result.score, result.passMark);
  if (!grade) return;
  const id = certificateId(attempt.personKey, attempt.campaignId);
  const day = chinaDay(new Date(result.submittedAt));
  const best = { score: result.score, grade, attemptId: attempt._id, day };
  if (await getDoc(ctx.db, 'certificates', id)) return raise(ctx, id, best);
  const town = await loadTown(ctx.db);
  for (let tries = 0; tries < 3; tries++) {
    const doc: CertificateDoc = {
      _id: id,
      number: newCertificateNumber(Number(day.slice(0, 4)), town.name),
      personKey: attempt.personKey,
      campaignId: attempt.campaignId,
      campaignTitle: attempt.campaignTitle,
      townName: town.name,
      ...best,
      issuedDay: day,
      issuedAt: new Date(result.submittedAt),
      wxacodeFileId: null,
    };
    try {
      await ctx.db.collection('certificates').add(doc);
      return;
    } catch (error) {
      if (!isDuplicateWrite(error)) throw error;
      // Another submit issued it first: raise it if this score is better. Otherwise the number collided: draw again.
      if (await getDoc(ctx.db, 'certificates', id)) return raise(ctx, id, best);
    }
  }
  throw new Error('certificate number collided three times');
}

const faceOf = (c: CertificateDoc): CertificateFace => ({ number: c.number, campaignId: c.campaignId, campaignTitle: c.campaignTitle, townName: c.townName, grade: c.grade, day: c.day });
const viewOf = (c: CertificateDoc): CertificateView => ({ ...faceOf(c), score: c.score, issuedDay: c.issuedDay });

export async function listMyCertificates(ctx: ActionContext): Promise<CertificateView[]> {
  const res = await ctx.db.collection('certificates').where({ personKey: personKey(ctx.openId) }).orderBy('issuedAt', 'desc').limit(100).get();
  return (res.data as CertificateDoc[]).map(viewOf);
}

/**
 * One of the caller's certificates with its verification code: on H5 (h5Base given) a QR of the H5 verification
 * URL; in WeChat a mini-program code (scene `c=<number>`), made once and kept in cloud storage.
 */
export async function getMyCertificate(ctx: ActionContext, input: { number: string; h5Base?: string }): Promise<CertificatePage> {
  const number = normaliseCertificateNumber(input.number);
  const doc = number ? await findOne(ctx.db, 'certificates', { number }) : null;
  // Another resident's number is reported exactly like an unknown one.
  if (!doc || doc.personKey !== personKey(ctx.openId)) throw notFound('这张证书');
  const scene = verifySceneOf(doc.number);
  let fileId = doc.wxacodeFileId ?? null;
  let wxacodeError: string | null = null;
  if (!fileId && !input.h5Base) {
    const made = await storeMiniProgramCode({ scene, page: CERTIFICATE_VERIFY_PAGE, pageName: '证书查验页面', cloudPath: `certificate-codes/${doc.number}` });
    fileId = made.fileId;
    wxacodeError = made.error;
    if (fileId) await ctx.db.collection('certificates').doc(doc._id).update({ wxacodeFileId: fileId });
  }
  const h5Url = input.h5Base ? h5PageUrl(input.h5Base, CERTIFICATE_VERIFY_PAGE, { no: doc.number }) : null;
  return {
    certificate: viewOf(doc),
    verify: {
      scene,
      page: CERTIFICATE_VERIFY_PAGE,
      wxacodeFileId: fileId,
      wxacodeUrl: fileId ? ((await tempUrls([fileId])).get(fileId) ?? null) : null,
      wxacodeError,
      h5Url,
      h5QrDataUrl: h5Url ? await qrDataUrl(h5Url) : null,
    },
  };
}

const INVALID: Verification = { valid: false, certificate: null };

/**
 * 证书查验 (callable without an identity). A number that is malformed or whose MAC does not match this town's
 * key is 无效 without a database read, so guessing costs the guesser and never the database; an authentic number
 * is 有效 only when it was issued.
 */
export async function verifyCertificate(ctx: ActionContext, input: { number: string }): Promise<Verification> {
  const number = normaliseCertificateNumber(input.number);
  if (!number) return INVALID;
  const town = await loadTown(ctx.db);
  if (!isAuthenticNumber(number, town.name)) return INVALID;
  const doc = await findOne(ctx.db, 'certificates', { number });
  return doc ? { valid: true, certificate: faceOf(doc) } : INVALID;
}
