/**
 * The picture of a WeChat share card (5:4, as WeChat shows it): the item's title on the app's red, drawn when the
 * resident taps 转发 (no image files shipped in the package).
 */
import { CANVAS_FONT as FONT, centredLines, type DrawContext } from '@/shared/ui/canvasText';

export const SHARE_CARD_WIDTH = 500;
export const SHARE_CARD_HEIGHT = 400;

export function drawShareCard(ctx: DrawContext, card: { kicker: string; title: string }, w = SHARE_CARD_WIDTH, h = SHARE_CARD_HEIGHT): void {
  ctx.fillStyle = '#b3261e';
  ctx.fillRect(0, 0, w, h);
  ctx.fillStyle = '#fffaf0';
  ctx.fillRect(24, 24, w - 48, h - 48);
  ctx.textAlign = 'center';
  ctx.textBaseline = 'alphabetic';
  ctx.fillStyle = '#b3261e';
  ctx.font = `700 34px ${FONT}`;
  ctx.fillText(card.kicker, w / 2, 96);
  ctx.fillStyle = '#1f1a14';
  ctx.font = `800 44px ${FONT}`;
  centredLines(ctx, card.title, w / 2, 180, w - 100, 3, 60);
  ctx.fillStyle = '#5c544a';
  ctx.font = `500 26px ${FONT}`;
  ctx.fillText('普法学堂 · 一分钟学法', w / 2, h - 56);
}
