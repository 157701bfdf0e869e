// Checks a house font before any page loads it: TrueType outlines only. Chromium's PDF backend writes CFF
// (PostScript-outline) fonts as Type 3 fonts, which a press refuses; the outline kind is in the file's first bytes.
import { open, readdir } from 'node:fs/promises';
import { extname, join, relative } from 'node:path';
import { BroadsheetError } from '../errors/catalogue.ts';

export type Outlines = 'truetype' | 'cff' | 'unknown';

/** The outline format of a .ttf/.otf/.woff/.woff2 file: from the sfnt version, or the WOFF header's flavor. */
export async function outlinesOf(path: string): Promise<Outlines> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(8);
    await handle.read(head, 0, 8, 0);
    const signature = head.toString('latin1', 0, 4);
    // WOFF and WOFF2 keep the original sfnt version as "flavor" in bytes 4–7.
    const version = signature === 'wOFF' || signature === 'wOF2' ? head.subarray(4, 8) : head.subarray(0, 4);
    const tag = version.toString('latin1');
    if (tag === 'OTTO') return 'cff';
    if (version.readUInt32BE(0) === 0x00010000 || tag === 'true') return 'truetype';
    return 'unknown';
  } finally {
    await handle.close();
  }
}

const fontFile = new Set(['.ttf', '.otf', '.woff', '.woff2']);

/** Refuses a font file, or every font file of a package folder, that does not have TrueType outlines. */
export async function requireTrueType(path: string, where: string): Promise<void> {
  const files = fontFile.has(extname(path).toLowerCase()) ? [path] : await fontFilesIn(path);
  for (const file of files) {
    const outlines = await outlinesOf(file);
    if (outlines !== 'truetype') {
      throw new BroadsheetError('FontRefused', `${where}: ${relative(process.cwd(), file) || file} has ${outlines === 'cff' ? 'CFF (PostScript) outlines' : 'no TrueType outlines Broadsheet recognises'}.`);
    }
  }
}

async function fontFilesIn(folder: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(folder, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && fontFile.has(extname(entry.name).toLowerCase())) found.push(join(entry.parentPath, entry.name));
  }
  return found;
}
