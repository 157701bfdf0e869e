// Where the layout tests find the project, its samples and their fixtures, and how they make temporary manuscripts.
import { readFileSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const layoutProjectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const layoutFixtures = join(layoutProjectRoot, 'tests/fixtures');
export const samplePhotos = join(layoutProjectRoot, 'manuscript/shanting/images');

export interface Scratch {
  readonly path: string;
  remove(): Promise<void>;
}

/** A fresh folder under the system's temporary folder. */
export async function scratchFolder(label: string): Promise<Scratch> {
  const path = await mkdtemp(join(tmpdir(), `broadsheet-layout-${label}-`));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

/** Copies a fixture folder to `into/<slug>`, with the named photos of the sample article in its images folder. */
export async function manuscriptFrom(fixture: string, into: string, slug: string, photos: readonly string[] = []): Promise<string> {
  const dir = join(into, slug);
  await cp(join(layoutFixtures, fixture), dir, { recursive: true });
  for (const photo of photos) await cp(join(samplePhotos, photo), join(dir, 'images', photo));
  return dir;
}

/** Rewrites article.md with its body (everything after the front matter) set down `times` times over. */
export async function repeatBody(dir: string, times: number): Promise<void> {
  const file = join(dir, 'article.md');
  const match = /^(---\n[\s\S]*?\n---\n)([\s\S]*)$/.exec(await readFile(file, 'utf8'));
  if (!match?.[1] || !match[2]) throw new Error(`${file} has no front matter and body`);
  const body = match[2].trim();
  await writeFile(file, `${match[1]}\n${Array.from({ length: times }, () => body).join('\n\n')}\n`);
}


/** A JSON file of a fixture, as unknown: the test checks what it needs from it. */
export function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** The paper's name as styles/paper.yaml gives it: the folio prints it on every page. */
export function paperName(): string {
  const paper: unknown = parse(readFileSync(join(layoutProjectRoot, 'styles/paper.yaml'), 'utf8'));
  const name = typeof paper === 'object' && paper !== null && 'name' in paper ? paper.name : undefined;
  if (typeof name !== 'string' || name.trim() === '') throw new Error('styles/paper.yaml gives no name');
  return name.trim();
}
