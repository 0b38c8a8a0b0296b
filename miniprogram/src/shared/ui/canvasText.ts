/** Drawing text on a 2D canvas (the same code in the browser and in WeChat): the font stack and line wrapping. */

/** The parts of CanvasRenderingContext2D the app draws with (WeChat's canvas 2D context has them too). */
export interface DrawContext {
  fillStyle: string | CanvasGradient | CanvasPattern;
  font: string;
  textAlign: CanvasTextAlign;
  textBaseline: CanvasTextBaseline;
  fillRect(x: number, y: number, w: number, h: number): void;
  strokeRect(x: number, y: number, w: number, h: number): void;
  strokeStyle: string | CanvasGradient | CanvasPattern;
  lineWidth: number;
  fillText(text: string, x: number, y: number): void;
  measureText(text: string): { width: number };
  drawImage(image: never, x: number, y: number, w: number, h: number): void;
}

export const CANVAS_FONT = '"Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif';

/** Splits text into lines no wider than `width` (character by character: Chinese has no spaces). */
export function wrapText(ctx: Pick<DrawContext, 'measureText'>, text: string, width: number, maxLines: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const ch of [...text]) {
    if (ctx.measureText(line + ch).width > width && line) {
      lines.push(line);
      line = ch;
    } else line += ch;
  }
  if (line) lines.push(line);
  if (lines.length > maxLines) {
    const kept = lines.slice(0, maxLines);
    kept[maxLines - 1] = `${kept[maxLines - 1]!.slice(0, -1)}…`;
    return kept;
  }
  return lines;
}

/** Draws centred lines from `y` (alphabetic baseline), `lineHeight` apart; returns the y after the last line. */
export function centredLines(ctx: DrawContext, text: string, x: number, y: number, width: number, maxLines: number, lineHeight: number): number {
  for (const line of wrapText(ctx, text, width, maxLines)) {
    ctx.fillText(line, x, y);
    y += lineHeight;
  }
  return y;
}
