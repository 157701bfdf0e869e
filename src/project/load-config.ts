// Finds and reads broadsheet.config.yaml: the file named by --config, or the nearest one in the current folder or a
// parent. The YAML is parsed with its line numbers kept, then checked against the schema; each problem is reported
// as `broadsheet.config.yaml:LINE:COLUMN: what is wrong; what to do`, with "did you mean" for misspelt keys.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { LineCounter, isMap, isNode, isScalar, parseDocument } from 'yaml';
import type { z } from 'zod';
import { closest } from '../errors/closest.ts';
import { BroadsheetError } from '../errors/catalogue.ts';
import { configSchema, knownKeys, type HouseConfig } from './schema.ts';

export const configFileName = 'broadsheet.config.yaml';

export interface LoadedConfig {
  readonly file: string;
  readonly config: HouseConfig;
}

/** The house config from `file`, or the nearest broadsheet.config.yaml from `cwd` up; null when there is none. */
export async function loadConfig(options: { cwd: string; file?: string }): Promise<LoadedConfig | null> {
  const file = options.file ? resolve(options.cwd, options.file) : findUp(options.cwd);
  if (!file) return null;
  const source = await readFile(file, 'utf8').catch((cause: unknown) => {
    throw new BroadsheetError('ConfigNotFound', `${file} cannot be read: ${cause instanceof Error ? cause.message : String(cause)}.`);
  });
  return { file, config: parseConfig(source, file) };
}

function findUp(from: string): string | undefined {
  for (let folder = resolve(from); ; folder = dirname(folder)) {
    const candidate = join(folder, configFileName);
    if (existsSync(candidate)) return candidate;
    if (dirname(folder) === folder) return undefined;
  }
}

export function parseConfig(source: string, file: string): HouseConfig {
  const lineCounter = new LineCounter();
  const document = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number | undefined) => {
    const position = lineCounter.linePos(offset ?? 0);
    return `${file}:${position.line}:${position.col}`;
  };
  const problems = document.errors.map((error) => `${at(error.pos[0])}: ${error.message.split('\n')[0]}; check the indentation and quotes there`);
  if (problems.length > 0) throw invalid(file, problems);
  const value: unknown = document.toJS() ?? {};
  const checked = configSchema.safeParse(value);
  if (checked.success) return checked.data;
  for (const issue of checked.error.issues) problems.push(describe(issue, document.contents, at));
  throw invalid(file, problems);
}

function describe(issue: z.core.$ZodIssue, root: unknown, at: (offset: number | undefined) => string): string {
  const path = issue.path.map(String);
  const node = nodeAt(root, path);
  const where = at(rangeOf(node));
  const field = path.length > 0 ? `\`${path.join('.')}\`` : 'the file';
  if (issue.code === 'unrecognized_keys') {
    const known = knownKeys[keyGroup(path)] ?? [];
    return issue.keys
      .map((key) => {
        const keyNode = isMap(node) ? node.items.find((pair) => isScalar(pair.key) && String(pair.key.value) === key)?.key : undefined;
        const hint = closest(key, known);
        return `${at(rangeOf(keyNode) ?? rangeOf(node))}: ${field === 'the file' ? '' : `in ${field}, `}\`${key}\` is not a setting${hint ? `; did you mean \`${hint}\`?` : `; the settings here are ${known.join(', ')}`}`;
      })
      .join('\n');
  }
  return `${where}: ${field}: ${issue.message}`;
}

/** Grids are keyed by the house's own names: their fields are checked as one group. */
function keyGroup(path: readonly string[]): string {
  if (path[0] === 'grids' && path.length >= 2) return ['grid', ...path.slice(2)].join('.');
  return path.join('.');
}

function nodeAt(root: unknown, path: readonly string[]): unknown {
  let node = root;
  for (const key of path) {
    if (isMap(node)) node = node.get(key, true);
    else if (node && typeof node === 'object' && 'items' in node && Array.isArray(node.items)) node = node.items[Number(key)];
    else return node;
  }
  return node;
}

function rangeOf(node: unknown): number | undefined {
  return isNode(node) ? node.range?.[0] : undefined;
}

function invalid(file: string, problems: readonly string[]): BroadsheetError {
  return new BroadsheetError('ConfigInvalid', `${file} has ${problems.length} problem${problems.length === 1 ? '' : 's'}:`, { details: problems.flatMap((problem) => problem.split('\n')) });
}
