// PDF/A-2b copies made with Ghostscript: fonts embedded, an sRGB output intent, PDF/A identification in the XMP metadata.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { BroadsheetError } from '../errors/catalogue.ts';
import { imageSettings } from './image-settings.ts';
import { stampPdfA } from './document-metadata.ts';
import type { DocumentFacts } from './document-metadata.ts';
import { childEnvironment, scratchFolder } from '../workspace/run-folder.ts';
import { timed } from '../workspace/stage-clock.ts';

const run = promisify(execFile);

/** Debian's ghostscript ships its sRGB profile here (and, in older releases, under iccprofiles/). */
const srgbProfiles = ['/usr/share/color/icc/ghostscript/srgb.icc', '/usr/share/color/icc/ghostscript/default_rgb.icc'];

export async function ghostscriptVersion(): Promise<string> {
  try {
    const { stdout } = await run('gs', ['--version'], { timeout: 10_000 });
    return stdout.trim();
  } catch {
    throw new BroadsheetError('GhostscriptMissing', 'Ghostscript (gs) is needed for the PDF/A copies of the archive, and it was not found on this machine.');
  }
}

/** The facts a page's PDF/A copy carries (its producer names the Ghostscript that made it). */
export type PdfAFacts = Omit<DocumentFacts, 'producer'> & { readonly date: string };

/**
 * A page's PDF/A-2b copy, made from its screen copy (RGB, the trim: what readers see), stamped with its facts: the
 * copy an archive entry keeps. Made where the page was set (a worker's Ghostscript, or this machine's).
 */
export async function pdfaCopy(screen: Uint8Array, facts: PdfAFacts, signal?: AbortSignal): Promise<Uint8Array> {
  const gs = await ghostscriptVersion();
  const work = await scratchFolder('pdfa');
  try {
    const input = join(work, 'screen.pdf');
    const output = join(work, 'pdfa.pdf');
    await writeFile(input, screen);
    await timed('PDF/A (Ghostscript)', () => writePdfA({ input, output, title: facts.title, ...(signal ? { signal } : {}) }));
    return await stampPdfA(await readFile(output), { ...facts, producer: `Broadsheet with GPL Ghostscript ${gs}` });
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function writePdfA(options: { input: string; output: string; title: string; signal?: AbortSignal }): Promise<void> {
  const profile = srgbProfiles.find((path) => existsSync(path));
  if (!profile) throw new BroadsheetError('OutputFailed', `No sRGB ICC profile found (looked in ${srgbProfiles.join(', ')}); reinstall the ghostscript package.`);
  // One definition a copy: pages are made side by side.
  const definition = `${options.output}.def.ps`;
  // The PDF/A definition Ghostscript reads: the output intent with the sRGB profile. Strings are PostScript-escaped.
  await writeFile(
    definition,
    [
      imageSettings().trimEnd(),
      `/ICCProfile (${postscriptString(profile)}) def`,
      `[ /Title <FEFF${utf16Hex(options.title)}> /DOCINFO pdfmark`,
      '[/_objdef {icc_PDFA} /type /stream /OBJ pdfmark',
      '[{icc_PDFA} << /N 3 >> /PUT pdfmark',
      '[{icc_PDFA} ICCProfile (r) file /PUT pdfmark',
      '[/_objdef {OutputIntent_PDFA} /type /dict /OBJ pdfmark',
      '[{OutputIntent_PDFA} << /Type /OutputIntent /S /GTS_PDFA1 /DestOutputProfile {icc_PDFA} /OutputConditionIdentifier (sRGB IEC61966-2.1) /Info (sRGB IEC61966-2.1) >> /PUT pdfmark',
      '[{Catalog} << /OutputIntents [ {OutputIntent_PDFA} ] >> /PUT pdfmark',
      '',
    ].join('\n'),
  );
  try {
    await run(
      'gs',
      [
        '-dPDFA=2',
        '-dBATCH',
        '-dNOPAUSE',
        '-dNOSAFER', // reads the ICC profile named in the definition file; inputs are our own PDFs
        '-dQUIET',
        '-dPDFACompatibilityPolicy=1',
        '-sColorConversionStrategy=RGB',
        '-sProcessColorModel=DeviceRGB',
        '-dEmbedAllFonts=true',
        // The screen copy's colours are DeviceRGB, already sRGB: the ICC links that would map them onto the sRGB
        // output intent are identities, and building them was 40 % of the run (1.61 → 0.96 s on the sample's page;
        // the file came out the same but for its dates and IDs, a test renders both).
        '-dUseFastColor',
        '-sDEVICE=pdfwrite',
        `-sOutputFile=${options.output}`,
        definition,
        options.input,
      ],
      { env: await childEnvironment(), timeout: 180_000, maxBuffer: 16 * 1024 * 1024, ...(options.signal ? { signal: options.signal } : {}) },
    );
  } catch (error) {
    // Stopped by Ctrl-C or SIGTERM: the run's own "interrupted" is what is said, not Ghostscript's end.
    options.signal?.throwIfAborted();
    throw new BroadsheetError('OutputFailed', `Ghostscript could not make a PDF/A copy of ${options.input}: ${String(error)}`, { cause: error });
  } finally {
    await rm(definition, { force: true });
  }
}

function postscriptString(text: string): string {
  return Array.from(text)
    .map((char) => {
      const code = char.codePointAt(0) ?? 0;
      if (char === '(' || char === ')' || char === '\\') return `\\${char}`;
      return code >= 0x20 && code < 0x7f ? char : Array.from(Buffer.from(char, 'utf8')).map((byte) => `\\${byte.toString(8).padStart(3, '0')}`).join('');
    })
    .join('');
}

/** UTF-16BE hex, the form a PDF text string takes for any script. */
function utf16Hex(text: string): string {
  return Array.from(text)
    .flatMap((char) => {
      const code = char.codePointAt(0) ?? 0;
      if (code <= 0xffff) return [code];
      const offset = code - 0x10000;
      return [0xd800 + (offset >> 10), 0xdc00 + (offset & 0x3ff)];
    })
    .map((unit) => unit.toString(16).padStart(4, '0').toUpperCase())
    .join('');
}
