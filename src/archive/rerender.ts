// `broadsheet rerender`: builds archived editions again from what their entries keep (the edition file, every
// manuscript and photo) with today's fonts, profile and rules, each as a new revision beside the old one, which is
// never touched; the catalogue then names the new revision current. The manuscripts are copied out of the read-only
// entry into a scratch folder, so the build reads them exactly as `archive` read the originals.
import { chmod, copyFile, mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { BroadsheetError } from '../errors/catalogue.ts';
import type { ResolvedProject } from '../project/resolve.ts';
import { scratchFolder } from '../workspace/run-folder.ts';
import { archiveEdition } from './archive-edition.ts';
import { catalogueEntries, currentEntries } from './catalogue.ts';

export interface Rerendered {
  /** The revision it was built from, and the new one. */
  readonly from: string;
  readonly entry: string;
  readonly path: string;
}

export async function rerenderArchive(options: {
  project: ResolvedProject;
  from?: string;
  to?: string;
  log?: (line: string) => void;
  signal?: AbortSignal;
  runner?: Parameters<typeof archiveEdition>[0]['runner'];
  onJob?: Parameters<typeof archiveEdition>[0]['onJob'];
  /** Told before each edition is built: its current revision, and how many there are. */
  onEdition?: (entry: string, index: number, of: number) => void;
}): Promise<Rerendered[]> {
  const { archiveDir } = options.project;
  await catalogueEntries(archiveDir).catch(() => {
    throw new BroadsheetError('ArchiveEmpty', `${archiveDir} holds no archive to re-render.`);
  });
  const editions = currentEntries(archiveDir, { ...(options.from ? { from: options.from } : {}), ...(options.to ? { to: options.to } : {}) });
  if (editions.length === 0) {
    const range = options.from || options.to ? ` dated ${options.from ?? 'any day'} to ${options.to ?? 'any day'}` : '';
    throw new BroadsheetError('ArchiveEmpty', `${archiveDir} holds no archived edition${range}.`);
  }
  const done: Rerendered[] = [];
  for (const [index, current] of editions.entries()) {
    options.signal?.throwIfAborted();
    options.onEdition?.(current.entry, index, editions.length);
    const source = join(archiveDir, current.entry);
    const work = await scratchFolder('rerender');
    // The edition file under its own name (the entry's name comes from it), its manuscripts beside it.
    const slug = current.stem.slice(current.date.length + 1) || current.stem;
    const file = join(work, `${slug}.yaml`);
    await copyFile(join(source, 'edition.yaml'), file);
    await copyWritable(join(source, 'manuscripts'), work);
    const made = await archiveEdition({
      project: options.project,
      file,
      editionCopy: join(source, 'edition.yaml'),
      ...(options.log ? { log: options.log } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.runner ? { runner: options.runner } : {}),
      ...(options.onJob ? { onJob: options.onJob } : {}),
    });
    done.push({ from: current.entry, entry: made.entry, path: made.path });
  }
  return done;
}

/** Copies a folder's contents into `into`, made writable (an entry's files are read-only, and so would the copy be). */
async function copyWritable(from: string, into: string): Promise<void> {
  await mkdir(into, { recursive: true });
  await chmod(into, 0o755);
  for (const item of await readdir(from, { withFileTypes: true })) {
    if (item.isDirectory()) await copyWritable(join(from, item.name), join(into, item.name));
    else if (item.isFile()) {
      await copyFile(join(from, item.name), join(into, item.name));
      await chmod(join(into, item.name), 0o644);
    }
  }
}
