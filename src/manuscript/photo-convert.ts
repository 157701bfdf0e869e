// Photos the page cannot print as they are (WebP and AVIF from phones and the web, TIFF from scanners, GIF, CMYK
// JPEGs from picture desks, and JPEGs stored sideways with an EXIF orientation) are converted with sharp (libvips,
// whose binaries come inside its npm package) into an upright sRGB JPEG; transparency is laid on white, the paper's.
// The converted file lives in this run's folder, named by the original's hash; the manuscript's own file is untouched.
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runFolder } from '../workspace/run-folder.ts';
import { maxPhotoPixels, type PhotoFacts } from './photo-file.ts';

export interface ConvertedPhoto {
  /** The converted file, in the run's folder. */
  readonly path: string;
  /** Its name there: the page loads it as `prepared/<name>`. */
  readonly name: string;
  readonly facts: PhotoFacts;
  /** What it was, for the build's report: "a WebP image", "a CMYK JPEG". */
  readonly from: string;
}

export type Conversion = { ok: true; photo: ConvertedPhoto } | { ok: false; reason: string };

let made: string | undefined;

/** The folder converted photos are written to and served from, once a photo has been converted in this run. */
export const convertedFolder = (): string | undefined => made;

export async function convertPhoto(bytes: Uint8Array, from: string): Promise<Conversion> {
  // Loaded only when a photo needs it: most articles bring JPEGs and PNGs, and the import costs time.
  const { default: sharp } = await import('sharp');
  try {
    const image = sharp(bytes, { limitInputPixels: maxPhotoPixels, failOn: 'error', pages: 1 }).rotate();
    const { data, info } = await image
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb')
      .jpeg({ quality: 92, chromaSubsampling: '4:4:4' })
      .toBuffer({ resolveWithObject: true });
    const name = `${createHash('sha256').update(bytes).digest('hex').slice(0, 24)}.jpg`;
    const folder = join(await runFolder(), 'photos');
    await mkdir(folder, { recursive: true });
    made = folder;
    const path = join(folder, name);
    await writeFile(path, data);
    return { ok: true, photo: { path, name, from, facts: { format: 'jpeg', width: info.width, height: info.height } } };
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { ok: false, reason: `is ${from} that cannot be read (${detail}); export it again as JPEG` };
  }
}
