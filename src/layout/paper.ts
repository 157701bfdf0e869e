// The newspaper's details for the folio line, from styles/paper.yaml.
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { BroadsheetError } from '../errors/catalogue.ts';
import { defaultGridName } from './grid.ts';

export interface Paper {
  readonly name: string;
  /** The grid for an article in `lang`, when nothing else names one. */
  gridFor(lang: string): string;
}

export async function loadPaper(file: string): Promise<Paper> {
  const value: unknown = parse(await readFile(file, 'utf8'));
  const name = typeof value === 'object' && value !== null && 'name' in value ? value.name : undefined;
  if (typeof name !== 'string' || name.trim() === '') throw new BroadsheetError('ConfigInvalid', `${file} must give the paper's name as \`name: …\`.`);
  const grids = typeof value === 'object' && value !== null && 'grids' in value && typeof value.grids === 'object' && value.grids !== null ? value.grids : {};
  const byLanguage = new Map(Object.entries(grids).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  return {
    name: name.trim(),
    gridFor(lang) {
      const [primary = ''] = lang.toLowerCase().split('-');
      return byLanguage.get(lang) ?? byLanguage.get(primary) ?? byLanguage.get('default') ?? defaultGridName;
    },
  };
}
