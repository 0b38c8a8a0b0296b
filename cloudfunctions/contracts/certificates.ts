/**
 * 电子证书 and 证书查验: resident actions, part of the `resident` contract (contracts/resident.ts).
 *
 * A resident who passes a campaign's quiz gets one certificate for that campaign edition (issued by the server
 * when the graded attempt is recorded). Its grade follows the best score: 优秀 from EXCELLENT_SCORE (and at
 * least the pass mark), otherwise 合格. Verification is public and says only whether a number is valid, with the
 * campaign, the date and the town: never who holds it.
 */
import { z } from 'zod';
import { action, returns } from './common';

/** A best score of at least this (and at least the campaign's pass mark) makes the certificate 优秀. */
export const EXCELLENT_SCORE = 90;
export type CertificateGrade = '合格' | '优秀';

export function certificateGrade(score: number, passMark: number): CertificateGrade | null {
  if (score < passMark) return null;
  return score >= Math.max(EXCELLENT_SCORE, passMark) ? '优秀' : '合格';
}

/** WeChat page a scanned certificate code opens (scene `c=<number>`), and the H5 route (`?no=<number>`). */
export const CERTIFICATE_VERIFY_PAGE = 'packages/certificate/pages/verify/index';

/** What the certificate says (the same for its holder and, minus the score, for whoever verifies it). */
export interface CertificateFace {
  number: string;
  campaignId: string;
  campaignTitle: string;
  townName: string;
  grade: CertificateGrade;
  /** China day the certificate's grade was earned ('YYYY-MM-DD'). */
  day: string;
}

/** The holder's own certificate (我的证书). */
export interface CertificateView extends CertificateFace {
  /** The best score it reflects. */
  score: number;
  /** China day of the first pass (when the certificate was issued). */
  issuedDay: string;
}

/** The certificate page: the certificate and the code that verifies it, for this platform. */
export interface CertificatePage {
  certificate: CertificateView;
  verify: {
    /** Mini-program code scene `c=<number>` and its page. */
    scene: string;
    page: string;
    /** The stored mini-program code (WeChat), made once; null when WeChat refused (wxacodeError says why). */
    wxacodeFileId: string | null;
    wxacodeUrl: string | null;
    wxacodeError: string | null;
    /** H5: the verification URL and its QR (when the caller said where the H5 app is served). */
    h5Url: string | null;
    h5QrDataUrl: string | null;
  };
}

/** 证书查验: valid with the certificate's public face, or invalid with nothing else. */
export type Verification = { valid: true; certificate: CertificateFace } | { valid: false; certificate: null };

/** What a person may type or a code may carry (checked strictly on the server, after normalising). */
const numberInput = z.string().trim().min(1, '请输入证书编号').max(40, '证书编号过长');

export const certificateActions = {
  /** 我的证书: the resident's own certificates, newest first. */
  listMyCertificates: action(z.object({}).strict(), returns<CertificateView[]>()),
  /** One of the resident's own certificates with its verification code (another's number: not found). */
  getMyCertificate: action(
    z.object({ number: numberInput, h5Base: z.string().url().max(200).regex(/^https?:\/\//).optional() }).strict(),
    returns<CertificatePage>(),
  ),
  /** 证书查验 (public): 有效 or 无效, the campaign, date and town; nothing about the holder. */
  verifyCertificate: action(z.object({ number: numberInput }).strict(), returns<Verification>()),
};
