// The newspaper's details for the folio line, from styles/paper.yaml.
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { BroadsheetError } from '../errors/catalogue.ts';

export interface Paper {
  readonly name: string;
}

export async function loadPaper(file: string): Promise<Paper> {
  const value: unknown = parse(await readFile(file, 'utf8'));
  const name = typeof value === 'object' && value !== null && 'name' in value ? value.name : undefined;
  if (typeof name !== 'string' || name.trim() === '') throw new BroadsheetError('UsageError', `${file} must give the paper's name as \`name: …\`.`);
  return { name: name.trim() };
}
