/**
 * Reads a QR code out of a PNG, as a phone's scanner would, with the QR reader already in node_modules
 * (qrcode-reader + jimp, which miniprogram-ci brings). `crop` points it at one region of a larger picture.
 */
import Jimp from 'jimp';

type Reader = { callback: (error: unknown, value: { result: string } | undefined) => void; decode: (bitmap: unknown) => void };
// eslint-disable-next-line @typescript-eslint/no-require-imports -- no typings; a CommonJS class
const QrReader = require('qrcode-reader') as new () => Reader;

export async function decodeQr(png: Buffer, crop?: { x: number; y: number; w: number; h: number }): Promise<string> {
  const image = await Jimp.read(png);
  if (crop) image.crop(crop.x, crop.y, crop.w, crop.h);
  return new Promise((resolve, reject) => {
    const reader = new QrReader();
    reader.callback = (error, value) => (error || !value ? reject(new Error(`no QR code found: ${String(error)}`)) : resolve(value.result));
    reader.decode(image.bitmap);
  });
}
