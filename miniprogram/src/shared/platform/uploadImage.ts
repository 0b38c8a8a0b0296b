/** H5 (local runs): no cloud storage upload from the browser; the weapp build uses uploadImage.weapp.ts. */
export const canUploadImage = false;

export async function chooseAndUploadImage(_cloudDir: string): Promise<string | null> {
  return null;
}
