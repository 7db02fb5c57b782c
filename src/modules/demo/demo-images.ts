// Featured images for the demo newsroom, drawn at first start (no network, nothing shipped):
// a sky, a sun, hills and a sea in each article's own colours.
import fs from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';

export const DEMO_IMAGE = { width: 1200, height: 675 } as const;

function scene([deep, mid, light]: [string, string, string], seed: number): string {
  const { width: w, height: h } = DEMO_IMAGE;
  const sunX = 200 + ((seed * 137) % 800);
  const hill = (y: number, amp: number, phase: number) => {
    let d = `M0 ${h} L0 ${y}`;
    for (let x = 0; x <= w; x += 60) d += ` L${x} ${(y + Math.sin(x / 160 + phase) * amp).toFixed(1)}`;
    return `${d} L${w} ${h} Z`;
  };
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">
    <defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${deep}"/><stop offset="1" stop-color="${light}"/></linearGradient></defs>
    <rect width="${w}" height="${h}" fill="url(#sky)"/>
    <circle cx="${sunX}" cy="${200 + (seed % 3) * 30}" r="70" fill="${light}" opacity="0.9"/>
    <path d="${hill(380, 40, seed)}" fill="${mid}" opacity="0.85"/>
    <path d="${hill(470, 25, seed * 2)}" fill="${deep}" opacity="0.9"/>
    <rect y="540" width="${w}" height="${h - 540}" fill="${deep}"/>
    <path d="${hill(540, 6, seed * 3)}" fill="${mid}" opacity="0.5"/>
  </svg>`;
}

/** Writes one demo image as JPEG under the media folder and returns its public URL. */
export async function drawDemoImage(
  mediaDir: string,
  { name, palette, seed }: { name: string; palette: [string, string, string]; seed: number },
): Promise<string> {
  const dir = path.join(mediaDir, 'demo');
  await fs.mkdir(dir, { recursive: true });
  await sharp(Buffer.from(scene(palette, seed)))
    .jpeg({ quality: 72, mozjpeg: true })
    .toFile(path.join(dir, `${name}.jpg`));
  return `/media/demo/${name}.jpg`;
}
