/**
 * The check-in poster of an offline event, drawn on a 2D canvas (the same code in the browser and in WeChat):
 * A4 portrait at 150 dpi (1240 × 1754 px, prints full-page on A4), the event's title, date and start time,
 * place and village, the check-in code large in the middle, and how to use it.
 */
import { CANVAS_FONT, wrapText, type DrawContext } from '@/shared/ui/canvasText';

/** A4 at 150 dpi. */
export const POSTER_WIDTH = 1240;
export const POSTER_HEIGHT = 1754;

export interface PosterInfo {
  title: string;
  type: string;
  date: string;
  time: string | null;
  place: string;
  villageName: string;
  townName?: string;
}

const FONT = CANVAS_FONT;

/** `2026年12月6日（周日）19:30` */
export function posterWhen(date: string, time: string | null): string {
  const [y, m, d] = date.split('-').map(Number);
  const week = '日一二三四五六'[new Date(Date.UTC(y!, m! - 1, d!)).getUTCDay()];
  return `${y}年${m}月${d}日（周${week}）${time ? ` ${time}` : ''}`;
}

/** Draws the whole poster; `code` is the loaded QR / mini-program code image. */
export function drawPoster(ctx: DrawContext, code: unknown, info: PosterInfo, w = POSTER_WIDTH, h = POSTER_HEIGHT): void {
  const margin = 90;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, w, h);
  // red band with the kind of event
  ctx.fillStyle = '#b3261e';
  ctx.fillRect(0, 0, w, 210);
  ctx.fillStyle = '#ffffff';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.font = `700 76px ${FONT}`;
  ctx.fillText(`${info.type} · 扫码签到`, w / 2, 105);

  ctx.fillStyle = '#1f1a14';
  ctx.textBaseline = 'alphabetic';
  ctx.font = `800 88px ${FONT}`;
  let y = 340;
  for (const line of wrapText(ctx, info.title, w - margin * 2, 2)) {
    ctx.fillText(line, w / 2, y);
    y += 112;
  }
  ctx.font = `500 54px ${FONT}`;
  ctx.fillStyle = '#3b342c';
  y += 10;
  ctx.fillText(`时间：${posterWhen(info.date, info.time)}`, w / 2, y);
  y += 82;
  for (const line of wrapText(ctx, `地点：${[info.villageName, info.place].filter(Boolean).join(' ')}`, w - margin * 2, 2)) {
    ctx.fillText(line, w / 2, y);
    y += 76;
  }

  // the code, as large as fits above the footer, never cropped
  const footer = 330;
  const size = Math.min(w - margin * 2 - 120, h - footer - (y + 40));
  const x = (w - size) / 2;
  const top = y + 30;
  ctx.strokeStyle = '#e4ddd2';
  ctx.lineWidth = 6;
  ctx.strokeRect(x - 30, top - 30, size + 60, size + 60);
  ctx.drawImage(code as never, x, top, size, size);

  ctx.fillStyle = '#1f1a14';
  ctx.font = `700 62px ${FONT}`;
  ctx.fillText('请用微信“扫一扫”签到', w / 2, h - footer + 130);
  ctx.font = `400 42px ${FONT}`;
  ctx.fillStyle = '#5c544a';
  ctx.fillText('每人每场只计一次 · 签到后可以学一课相关的法律知识', w / 2, h - footer + 210);
  ctx.fillText(`${info.townName ? `${info.townName} · ` : ''}普法学堂`, w / 2, h - footer + 275);
}

export const posterFileName = (info: PosterInfo) => `${info.date}-${info.title.replace(/[\\/:*?"<>|\s]/g, '_')}-签到海报.png`;
