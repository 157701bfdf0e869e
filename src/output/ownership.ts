// Which folders Broadsheet may replace: one that does not exist yet, an empty one, or one it made itself. A folder it
// made carries a marker listing every file Broadsheet wrote there; anything else in it is somebody's work and stays.
import { lstat, readdir, readFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { BroadsheetError } from '../errors/catalogue.ts';

/** The marker in every output folder: Broadsheet wrote this folder, and these are its files. */
export const outputMarker = '.broadsheet-output.json';

export interface OutputClaim {
  /** The output folder about to be replaced. */
  readonly folder: string;
  /** Manuscript folders and edition files the build reads: the output may not be one of them, nor hold one. */
  readonly sources: readonly string[];
  /** Rebuild a folder Broadsheet made even though files were added to it since; they are kept. */
  readonly force?: boolean;
}

/** What a claimed folder holds that Broadsheet did not write, to carry into the new folder (with `force`). */
export interface ClaimedFolder {
  readonly kept: readonly string[];
}

/** The marker's contents for a folder of these files: the same files give the same bytes. */
export function outputMarkerFile(paths: readonly string[]): string {
  return JSON.stringify({ writtenBy: 'Broadsheet', note: 'Broadsheet replaces this folder whole on its next build; files not listed here are kept or the build refuses.', files: [...paths].sort() }, null, 2) + '\n';
}

/** Refuses, naming what is there and what to do, any output folder whose replacement would lose somebody's file. */
export async function claimOutputFolder(claim: OutputClaim): Promise<ClaimedFolder> {
  const folder = resolve(claim.folder);
  for (const source of claim.sources.map((path) => resolve(path))) {
    if (source === folder || source.startsWith(folder + sep)) {
      const what = source === folder ? 'is the manuscript folder' : `holds ${relative(process.cwd(), source) || source}`;
      throw new BroadsheetError('OutputHoldsManuscript', `The output folder ${shown(folder)} ${what}: a build replaces its output folder whole, and would take the manuscript with it.`);
    }
  }
  const found = await lstat(folder).catch((error: unknown) => {
    if (isMissing(error)) return null;
    throw new BroadsheetError('OutputFailed', `Could not read the output folder ${shown(folder)}: ${String(error)}`, { cause: error });
  });
  if (!found) return { kept: [] };
  if (!found.isDirectory()) throw new BroadsheetError('OutputNotOurs', `The output ${shown(folder)} is a file, not a folder: Broadsheet does not overwrite it.`);
  const present = await filesIn(folder);
  if (present.length === 0) return { kept: [] };
  const written = await markerFiles(folder);
  if (!written) {
    const hint = claim.force ? ' --force rebuilds only a folder Broadsheet made.' : '';
    throw new BroadsheetError('OutputNotOurs', `The output folder ${shown(folder)} already holds files Broadsheet did not write (${listed(present)}).${hint}`);
  }
  const kept = present.filter((path) => path !== outputMarker && !written.has(path));
  if (kept.length > 0 && !claim.force) {
    throw new BroadsheetError('OutputNotOurs', `The output folder ${shown(folder)} was made by Broadsheet, but ${listed(kept)} ${kept.length === 1 ? 'was' : 'were'} added to it since.`);
  }
  return { kept };
}

/** Every file under `folder` (symbolic links as files), with `/` separators, sorted. */
async function filesIn(folder: string, under = ''): Promise<string[]> {
  const paths: string[] = [];
  for (const entry of await readdir(join(folder, under), { withFileTypes: true })) {
    const path = under ? `${under}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      const inside = await filesIn(folder, path);
      paths.push(...(inside.length > 0 ? inside : [`${path}/`]));
    } else paths.push(path);
  }
  return paths.sort();
}

async function markerFiles(folder: string): Promise<Set<string> | null> {
  try {
    const value: unknown = JSON.parse(await readFile(join(folder, outputMarker), 'utf8'));
    if (typeof value === 'object' && value !== null && 'writtenBy' in value && value.writtenBy === 'Broadsheet' && 'files' in value && Array.isArray(value.files)) {
      return new Set(value.files.filter((path): path is string => typeof path === 'string'));
    }
  } catch {
    // no marker, or not one of ours: the folder is not Broadsheet's
  }
  return null;
}

const listed = (paths: readonly string[]): string => (paths.length <= 4 ? paths.join(', ') : `${paths.slice(0, 4).join(', ')} and ${paths.length - 4} more`);
const shown = (folder: string): string => relative(process.cwd(), folder) || '.';

/** A file system error that says the path does not exist. */
export function isMissing(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT';
}
