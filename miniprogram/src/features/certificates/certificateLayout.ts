/**
 * The 电子证书 drawn on a 2D canvas (the same code in the browser and in WeChat): 1080 × 1440 px portrait, the
 * title, the town, the campaign, 合格/优秀, the date, the certificate number and the code that verifies it
 * (a QR of the H5 verification page, or the mini-program code in WeChat), with how to check it. It names no
 * person: the mini-program never asks for names.
 */
import type { CertificateFace } from '@contracts/certificates';
import { chineseDate } from '@contracts/time';
import { CANVAS_FONT as FONT, centredLines, type DrawContext } from '@/shared/ui/canvasText';

export const CERTIFICATE_WIDTH = 1080;
export const CERTIFICATE_HEIGHT = 1440;

export const certificateFileName = (c: Pick<CertificateFace, 'number' | 'campaignTitle'>) => `电子证书-${c.campaignTitle.replace(/[\\/:*?"<>|\s]/g, '_')}-${c.number}.png`;

/** Where the verification code sits on the certificate (a QR reader can be pointed at it). */
export const CERTIFICATE_CODE_BOX = { x: CERTIFICATE_WIDTH - 110 - 300, y: CERTIFICATE_HEIGHT - 130 - 300 - 50, size: 300 } as const;

export function drawCertificate(ctx: DrawContext, code: unknown, c: CertificateFace, w = CERTIFICATE_WIDTH, h = CERTIFICATE_HEIGHT): void {
  const red = '#b3261e';
  const ink = '#1f1a14';
  ctx.fillStyle = '#fffaf0';
  ctx.fillRect(0, 0, w, h);
  // double frame
  ctx.strokeStyle = red;
  ctx.lineWidth = 14;
  ctx.strokeRect(36, 36, w - 72, h - 72);
  ctx.lineWidth = 4;
  ctx.strokeRect(66, 66, w - 132, h - 132);

  ctx.textAlign = 'center';
  ctx.textBaseline = 'alphabetic';
  ctx.fillStyle = red;
  ctx.font = `800 96px ${FONT}`;
  ctx.fillText('电子证书', w / 2, 230);
  ctx.fillStyle = ink;
  ctx.font = `500 44px ${FONT}`;
  ctx.fillText(c.townName, w / 2, 310);

  ctx.font = `500 50px ${FONT}`;
  ctx.fillStyle = '#3b342c';
  let y = centredLines(ctx, `参加“${c.campaignTitle}”线上普法答题，成绩达到`, w / 2, 430, w - 240, 3, 72);

  // the grade, large, in a red box
  y += 40;
  const boxW = 360;
  const boxH = 170;
  ctx.strokeStyle = red;
  ctx.lineWidth = 8;
  ctx.strokeRect((w - boxW) / 2, y, boxW, boxH);
  ctx.fillStyle = red;
  ctx.font = `900 120px ${FONT}`;
  ctx.fillText(c.grade, w / 2, y + 130);
  y += boxH + 90;
  ctx.fillStyle = '#3b342c';
  ctx.font = `500 50px ${FONT}`;
  ctx.fillText('特发此证，以资鼓励。', w / 2, y);

  // number and date on the left, the verification code on the right
  const { size: codeSize } = CERTIFICATE_CODE_BOX;
  const codeX = w - 110 - codeSize;
  const codeY = h - 130 - codeSize - 50;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(codeX - 10, codeY - 10, codeSize + 20, codeSize + 20);
  ctx.drawImage(code as never, codeX, codeY, codeSize, codeSize);
  ctx.fillStyle = ink;
  ctx.font = `600 34px ${FONT}`;
  ctx.fillText('扫码查验真伪', codeX + codeSize / 2, codeY + codeSize + 60);

  ctx.textAlign = 'left';
  const left = 130;
  ctx.font = `500 38px ${FONT}`;
  ctx.fillStyle = ink;
  ctx.fillText(`日期：${chineseDate(c.day)}`, left, codeY + 90);
  ctx.fillText('证书编号：', left, codeY + 170);
  ctx.font = `700 40px ${FONT}`;
  ctx.fillText(c.number, left, codeY + 230);
  ctx.font = `400 30px ${FONT}`;
  ctx.fillStyle = '#5c544a';
  ctx.fillText('普法学堂 颁发', left, codeY + 310);
}
