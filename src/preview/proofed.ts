// The text a proofreader marked as read ("proofed"), kept beside the output folder (which each build replaces) so later proofs can show what changed since.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export interface ProofedMark {
  readonly at: string;
  readonly text: string;
}

/** Far larger than any article; a bigger body is not a proof. */
export const maxProofedBytes = 4 * 1024 * 1024;

/** `dist/.proofed/<slug>.json` for the output folder `dist/<slug>`. */
export const proofedFile = (outDir: string): string => join(dirname(outDir), '.proofed', `${basename(outDir)}.json`);

export async function readProofed(file: string): Promise<ProofedMark | null> {
  try {
    const value: unknown = JSON.parse(await readFile(file, 'utf8'));
    if (typeof value === 'object' && value !== null && 'text' in value && 'at' in value && typeof value.text === 'string' && typeof value.at === 'string') {
      return { at: value.at, text: value.text };
    }
  } catch {
    // no mark yet, or an unreadable one: both mean "nothing proofed"
  }
  return null;
}

export async function writeProofed(file: string, text: string, now = new Date()): Promise<ProofedMark> {
  const mark = { at: now.toISOString(), text };
  const target = file;
  await mkdir(dirname(target), { recursive: true });
  const staging = `${target}.${process.pid}.tmp`;
  await writeFile(staging, JSON.stringify(mark));
  await rename(staging, target);
  return mark;
}
