// Draws the app icon as a PNG at build time (no image files in the repository, no image library):
// a red square with a white house under a white roof line — enough for a home-screen icon.
import { deflateSync } from 'node:zlib';

const crcTable = Array.from({ length: 256 }, (_, index) => {
  let value = index;
  for (let bit = 0; bit < 8; bit++) value = value & 1 ? 0xedb88320 ^ (value >>> 1) : value >>> 1;
  return value >>> 0;
});

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = crcTable[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/** Whether the pixel (x, y) of a unit square (0..1) belongs to the white house shape. */
function isHouse(x: number, y: number): boolean {
  const isRoof = y >= 0.22 && y <= 0.48 && Math.abs(x - 0.5) <= (y - 0.22) * 1.25 && Math.abs(x - 0.5) >= (y - 0.22) * 1.25 - 0.09;
  const isWall = y >= 0.46 && y <= 0.78 && x >= 0.28 && x <= 0.72;
  const isDoor = y >= 0.6 && y <= 0.78 && x >= 0.44 && x <= 0.56;
  return isRoof || (isWall && !isDoor);
}

/** A square RGBA PNG of the icon, `size` pixels wide. */
export function drawIconPng(size: number): Buffer {
  const rows: Buffer[] = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x++) {
      const isWhite = isHouse((x + 0.5) / size, (y + 0.5) / size);
      row.set(isWhite ? [255, 255, 255, 255] : [196, 30, 36, 255], 1 + x * 4);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits, RGBA, deflate, no filter method variants, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
