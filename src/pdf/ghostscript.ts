// Ghostscript 10.06 as WebAssembly (npm @okathira/ghostpdl-wasm, AGPL like Ghostscript): the one here that writes
// PDF/X-4 and keeps text as text (Debian 12's 10.0 writes PDF/X-3 only and turns pages with transparency into
// bitmaps). Each run gets a fresh instance with its own in-memory file system. The build offers no environment, so
// the dates Ghostscript stamps are replaced afterwards (document-metadata.ts): same input, same facts.
import loadGhostscript from '@okathira/ghostpdl-wasm';
import { BroadsheetError } from '../errors/catalogue.ts';

export interface GhostscriptRun {
  /** Files to put in the instance's file system, by absolute path there. */
  readonly files: ReadonlyMap<string, Uint8Array | string>;
  readonly args: readonly string[];
  /** The file to read back when it is done. */
  readonly output: string;
}

export async function runGhostscript(run: GhostscriptRun): Promise<Uint8Array> {
  const said: string[] = [];
  const module = await loadGhostscript({
    print: (line: string) => said.push(line),
    printErr: (line: string) => said.push(line),
  });
  for (const [path, contents] of run.files) module.FS.writeFile(path, contents);
  let code: number;
  try {
    code = module.callMain([...run.args]);
  } catch (cause) {
    throw new BroadsheetError('PressFailed', `Ghostscript stopped while making the press PDF: ${cause instanceof Error ? cause.message : String(cause)}`, { cause, details: said.slice(-8) });
  }
  if (code !== 0) throw new BroadsheetError('PressFailed', `Ghostscript could not make the press PDF (exit ${code}).`, { details: said.filter((line) => /error|warning/i.test(line)).slice(-8) });
  return module.FS.readFile(run.output);
}
