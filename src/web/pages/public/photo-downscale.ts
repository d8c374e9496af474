// Photos from a phone camera are 3–12 MB; a weak rural network and the API's 2 MB limit both want
// them small. Each is drawn into a canvas no larger than 1280 px on its long side and sent as JPEG.
import type { PhotoUpload } from '../../api/public.ts';

export const maxPhotoSide = 1280;
const jpegQuality = 0.82;

/** A photo ready to send, with a preview URL to show (revoke it when the photo is dropped). */
export interface PreparedPhoto extends PhotoUpload {
  previewUrl: string;
  bytes: number;
}

/** The size that fits `width × height` inside `limit` on its long side, keeping the proportions. */
export function fitWithin(width: number, height: number, limit = maxPhotoSide): { width: number; height: number } {
  const scale = Math.min(1, limit / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

async function decodeImage(file: Blob): Promise<{ source: CanvasImageSource; width: number; height: number; release(): void }> {
  if (typeof createImageBitmap === 'function') {
    try {
      // from-image: honour the camera's EXIF orientation so portraits stay upright
      const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
      return { source: bitmap, width: bitmap.width, height: bitmap.height, release: () => bitmap.close() };
    } catch {
      // older browsers: fall back to an <img>
    }
  }
  const url = URL.createObjectURL(file);
  try {
    const image = new Image();
    image.decoding = 'async';
    image.src = url;
    await image.decode();
    return { source: image, width: image.naturalWidth, height: image.naturalHeight, release: () => URL.revokeObjectURL(url) };
  } catch (error) {
    URL.revokeObjectURL(url);
    throw error;
  }
}

function blobToBase64(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const text = String(reader.result);
      resolve(text.slice(text.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(blob);
  });
}

/** Downscales an image file to a JPEG of at most 1280 px on its long side; rejects what is not an image. */
export async function downscalePhoto(file: Blob): Promise<PreparedPhoto> {
  const image = await decodeImage(file);
  try {
    const size = fitWithin(image.width, image.height);
    const canvas = document.createElement('canvas');
    canvas.width = size.width;
    canvas.height = size.height;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2d canvas');
    // JPEG has no transparency: a white ground instead of black for transparent PNGs
    context.fillStyle = '#fff';
    context.fillRect(0, 0, size.width, size.height);
    context.drawImage(image.source, 0, 0, size.width, size.height);
    const blob = await new Promise<Blob>((resolve, reject) => canvas.toBlob((result) => (result ? resolve(result) : reject(new Error('encode failed'))), 'image/jpeg', jpegQuality));
    return { contentType: 'image/jpeg', dataBase64: await blobToBase64(blob), previewUrl: URL.createObjectURL(blob), bytes: blob.size };
  } finally {
    image.release();
  }
}
