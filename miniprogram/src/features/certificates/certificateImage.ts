/** The certificate as an image (drawn with shared/platform/canvasImage) and saving it: PNG download on H5, album in WeChat. */
import type { CertificateFace, CertificatePage } from '@contracts/certificates';
import { renderCanvasImage, saveCanvasImage, SAVES_TO_ALBUM } from '@/shared/platform/canvasImage';
import { CERTIFICATE_HEIGHT, CERTIFICATE_WIDTH, certificateFileName, drawCertificate } from './certificateLayout';

/** The verification code image for this platform: the mini-program code in WeChat, the H5 QR in a browser. */
export function verifyCodeSource(verify: CertificatePage['verify']): string | null {
  return process.env.TARO_ENV === 'weapp' ? (verify.wxacodeFileId ?? verify.wxacodeUrl) : verify.h5QrDataUrl;
}

export function makeCertificateImage(face: CertificateFace, codeSrc: string): Promise<string> {
  return renderCanvasImage(CERTIFICATE_WIDTH, CERTIFICATE_HEIGHT, [codeSrc], (ctx, [code]) => drawCertificate(ctx, code, face));
}

export async function saveCertificateImage(url: string, face: CertificateFace): Promise<string> {
  await saveCanvasImage(url, certificateFileName(face), '证书');
  return SAVES_TO_ALBUM ? '已保存到相册，可以发给家人朋友' : '已下载证书图片（PNG）';
}
