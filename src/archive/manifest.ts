// manifest.json of an archive entry: every file with its SHA-256 and size, and the facts of the build; and re-checking an entry against it.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

export const manifestName = 'manifest.json';

export interface ManifestFile {
  readonly path: string;
  readonly sha256: string;
  readonly size: number;
}

export interface Manifest {
  readonly format: 'broadsheet-archive-entry/1';
  readonly archivedAt: string;
  readonly edition: Record<string, unknown>;
  readonly build: Record<string, string>;
  readonly files: readonly ManifestFile[];
}

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk);
  return hash.digest('hex');
}

/** Every file below `dir`, as sorted `/`-separated paths, leaving out the manifest itself. */
export async function listEntryFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (folder: string): Promise<void> => {
    for (const item of await readdir(folder, { withFileTypes: true })) {
      const path = join(folder, item.name);
      if (item.isDirectory()) await walk(path);
      else found.push(relative(dir, path).split(sep).join('/'));
    }
  };
  await walk(dir);
  return found.filter((path) => path !== manifestName).sort();
}

export async function describeFiles(dir: string): Promise<ManifestFile[]> {
  const files: ManifestFile[] = [];
  for (const path of await listEntryFiles(dir)) {
    const full = join(dir, path);
    files.push({ path, sha256: await sha256File(full), size: (await stat(full)).size });
  }
  return files;
}

export interface Verdict {
  readonly entry: string;
  readonly missing: readonly string[];
  readonly added: readonly string[];
  readonly changed: readonly string[];
  readonly checked: number;
  /** Set when the manifest itself is missing or unreadable. */
  readonly broken?: string;
}

export async function verifyEntry(dir: string, entry: string): Promise<Verdict> {
  let manifest: unknown;
  try {
    manifest = JSON.parse(await readFile(join(dir, manifestName), 'utf8'));
  } catch (error) {
    return { entry, missing: [], added: [], changed: [], checked: 0, broken: `${manifestName} is missing or unreadable (${error instanceof Error ? error.message : String(error)})` };
  }
  const listed = new Map<string, ManifestFile>();
  const files = typeof manifest === 'object' && manifest !== null && 'files' in manifest && Array.isArray(manifest.files) ? manifest.files : [];
  for (const file of files) {
    if (typeof file === 'object' && file !== null && typeof file.path === 'string' && typeof file.sha256 === 'string' && typeof file.size === 'number') {
      listed.set(file.path, { path: file.path, sha256: file.sha256, size: file.size });
    }
  }
  const present = await listEntryFiles(dir);
  const missing = [...listed.keys()].filter((path) => !present.includes(path));
  const added = present.filter((path) => !listed.has(path));
  const changed: string[] = [];
  for (const path of present) {
    const expected = listed.get(path);
    if (!expected) continue;
    const full = join(dir, path);
    if ((await stat(full)).size !== expected.size || (await sha256File(full)) !== expected.sha256) changed.push(path);
  }
  return { entry, missing, added, changed, checked: present.length };
}
