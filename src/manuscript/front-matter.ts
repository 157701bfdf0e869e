// The front matter schema: editorial fields of an article, validated with the place of each problem.
import { LineCounter, parseDocument, isMap, isScalar, isSeq, type Node as YamlNode, type Pair } from 'yaml';
import type { VFile } from 'vfile';
import { blameYamlError } from './yaml-blame.ts';
import type { LanguageGuess } from './language.ts';
import { closest } from '../errors/closest.ts';

export interface FrontMatter {
  readonly headline: string;
  readonly kicker?: string;
  readonly deck?: string;
  readonly byline: readonly string[];
  readonly dateline?: string;
  /** YYYY-MM-DD exactly as written: never turned into a Date, so no time zone can shift it. */
  readonly date?: string;
  readonly section?: string;
  /** BCP 47, canonicalised. */
  readonly lang: string;
}

export const frontMatterFields = ['headline', 'kicker', 'deck', 'byline', 'dateline', 'date', 'section', 'lang'] as const;

export interface FrontMatterSource {
  readonly value: string;
  /** 1-based line of the first YAML line (the one after the opening `---`). */
  readonly firstLine: number;
}

type Place = { line: number; column: number };

/** Parses and validates YAML front matter; problems become fatal messages on `file`. */
/** Names other tools' front matter uses (Pandoc, Jekyll, Hugo), and the field each is read as. */
const aliases: Readonly<Record<string, (typeof frontMatterFields)[number]>> = { title: 'headline', subtitle: 'deck', summary: 'deck', author: 'byline', authors: 'byline' };

export interface FrontMatterOptions {
  readonly guessLang?: () => LanguageGuess;
  /** Fields the schema does not know (a CMS export's `tags`, `slug`, `id`): allowed, warned of (default), or refused. */
  readonly unknownFields?: 'allow' | 'warn' | 'refuse';
}

export function readFrontMatter(source: FrontMatterSource | undefined, file: VFile, options: FrontMatterOptions = {}): FrontMatter | undefined {
  if (!source) {
    fail(file, 'the article has no front matter; start `article.md` with `---`, a line `headline: …`, and `---`', { line: 1, column: 1 }, 'missing');
    return undefined;
  }
  const lineCounter = new LineCounter();
  const document = parseDocument(source.value, { lineCounter, prettyErrors: false, uniqueKeys: true, schema: 'core' });
  const placeOf = (offset: number | undefined): Place => {
    const position = lineCounter.linePos(offset ?? 0);
    return { line: position.line + source.firstLine - 1, column: position.col };
  };
  const blame = document.errors.length > 0 ? blameYamlError(source.value, source.firstLine) : undefined;
  if (blame) {
    const text = source.value.split('\n')[blame.line]?.trim() ?? '';
    fail(file, `front matter is not valid YAML: ${blame.reason} (the line reads \`${text.length > 80 ? `${text.slice(0, 80)}…` : text}\`)`, { line: blame.line + source.firstLine, column: 1 }, 'yaml');
    return undefined;
  }
  for (const problem of [...document.errors, ...document.warnings]) {
    fail(file, `front matter is not valid YAML: ${problem.message.split('\n')[0]}`, placeOf(problem.pos[0]), 'yaml');
  }
  if (document.errors.length > 0) return undefined;

  const root = document.contents;
  if (!isMap(root)) {
    fail(file, 'front matter must be a list of `field: value` lines', placeOf(root?.range?.[0]), 'not-a-map');
    return undefined;
  }

  const fields = new Map<string, Pair<unknown, unknown>>();
  const policy = options.unknownFields ?? 'warn';
  const known = (key: string): key is (typeof frontMatterFields)[number] => (frontMatterFields as readonly string[]).includes(key);
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const place = placeOf(nodeOf(pair.key)?.range?.[0]);
    if (known(key)) {
      fields.set(key, pair);
      continue;
    }
    const alias = aliases[key.toLowerCase()];
    if (alias) {
      // Pandoc, Jekyll and Hugo names: read as ours, unless our own name is there too.
      if (root.items.some((other) => isScalar(other.key) && String(other.key.value) === alias)) {
        file.message(`\`${key}\` is left out: \`${alias}\` is given too`, { place, source: 'front-matter', ruleId: 'field-alias' });
      } else if (!fields.has(alias)) {
        fields.set(alias, pair);
        file.info(`\`${key}\` is read as \`${alias}\` (the name Pandoc, Jekyll and Hugo use)`, { place, source: 'front-matter', ruleId: 'field-alias' });
      }
      continue;
    }
    const suggestion = closest(key, frontMatterFields);
    const hint = suggestion ? `; did you mean \`${suggestion}\`?` : `; the fields are ${frontMatterFields.join(', ')}`;
    if (policy === 'refuse') fail(file, `unknown front matter field \`${key}\`${hint}`, place, 'unknown-field');
    else if (policy === 'warn') file.message(`unknown front matter field \`${key}\` is not printed${hint}`, { place, source: 'front-matter', ruleId: 'unknown-field' });
  }

  const text = (name: string, required = false): string | undefined => {
    const pair = fields.get(name);
    const node = nodeOf(pair?.value);
    if (!pair || !node || (isScalar(node) && (node.value === null || node.value === ''))) {
      if (required) fail(file, `front matter field \`${name}\` is required`, placeOf(root.range?.[0]), `${name}-required`);
      return undefined;
    }
    if (isScalar(node) && typeof node.value === 'string' && node.value.trim() !== '') return node.value.trim();
    fail(file, `front matter field \`${name}\` must be text, not ${describe(node)}; put the value in quotes`, placeOf(node.range?.[0]), `${name}-type`);
    return undefined;
  };

  const headline = text('headline', true);
  const kicker = text('kicker');
  const deck = text('deck');
  const dateline = text('dateline');
  const section = text('section');
  const byline = readByline(fields.get('byline'), file, placeOf);
  const date = readDate(fields.get('date'), file, placeOf);
  const given = readLang(fields.get('lang'), file, placeOf);
  const lang = given === undefined ? guessed(options.guessLang, file, { line: Math.max(1, source.firstLine - 1), column: 1 }) : given;

  if (headline === undefined || byline === undefined || lang === null) return undefined;
  return {
    headline,
    byline,
    lang,
    ...(kicker === undefined ? {} : { kicker }),
    ...(deck === undefined ? {} : { deck }),
    ...(dateline === undefined ? {} : { dateline }),
    ...(date === undefined ? {} : { date }),
    ...(section === undefined ? {} : { section }),
  };
}

function readByline(pair: Pair<unknown, unknown> | undefined, file: VFile, placeOf: (offset?: number) => Place): string[] | undefined {
  const node = nodeOf(pair?.value);
  if (!node || (isScalar(node) && node.value === null)) return [];
  if (isScalar(node) && typeof node.value === 'string') return [node.value.trim()];
  if (isSeq(node)) {
    const names: string[] = [];
    for (const item of node.items) {
      const entry = nodeOf(item);
      if (entry && isScalar(entry) && typeof entry.value === 'string' && entry.value.trim() !== '') names.push(entry.value.trim());
      else fail(file, `each byline entry must be a name, not ${describe(entry)}`, placeOf(entry?.range?.[0] ?? node.range?.[0]), 'byline-type');
    }
    return names;
  }
  fail(file, `front matter field \`byline\` must be a name or a list of names, not ${describe(node)}`, placeOf(node.range?.[0]), 'byline-type');
  return undefined;
}

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

function readDate(pair: Pair<unknown, unknown> | undefined, file: VFile, placeOf: (offset?: number) => Place): string | undefined {
  const node = nodeOf(pair?.value);
  if (!node || (isScalar(node) && node.value === null)) return undefined;
  const value = isScalar(node) ? node.value : undefined;
  const match = typeof value === 'string' ? isoDate.exec(value) : null;
  if (match && typeof value === 'string') {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const check = new Date(Date.UTC(year, month - 1, day));
    if (check.getUTCFullYear() === year && check.getUTCMonth() === month - 1 && check.getUTCDate() === day) return value;
    fail(file, `front matter field \`date\` is not a real day: ${value}`, placeOf(node.range?.[0]), 'date-invalid');
    return undefined;
  }
  fail(file, `front matter field \`date\` must be a day written YYYY-MM-DD (e.g. 2021-01-08), not \`${String(value ?? describe(node))}\``, placeOf(node.range?.[0]), 'date-format');
  return undefined;
}

/** No `lang` in the front matter: the language the text is in, and a warning that says so. */
function guessed(guess: (() => LanguageGuess) | undefined, file: VFile, place: Place): string {
  const { lang, name } = guess?.() ?? { lang: 'zh-CN', name: 'Chinese' };
  file.message(`front matter has no \`lang\`: the text reads as ${name}, so it is set as \`${lang}\`; add \`lang: ${lang}\` (or the article's language) to say so`, {
    place,
    source: 'front-matter',
    ruleId: 'lang-guessed',
  });
  return lang;
}

function readLang(pair: Pair<unknown, unknown> | undefined, file: VFile, placeOf: (offset?: number) => Place): string | undefined | null {
  const node = nodeOf(pair?.value);
  if (!node || (isScalar(node) && node.value === null)) return undefined;
  if (isScalar(node) && typeof node.value === 'string') {
    try {
      const [canonical] = Intl.getCanonicalLocales(node.value.trim());
      if (canonical) return canonical;
    } catch {
      // falls through to the message below
    }
  }
  fail(file, `front matter field \`lang\` must be a BCP 47 language tag such as zh-CN or en-GB, not \`${String(isScalar(node) ? node.value : describe(node))}\``, placeOf(node.range?.[0]), 'lang-invalid');
  return null;
}

function nodeOf(value: unknown): YamlNode | undefined {
  return isScalar(value) || isMap(value) || isSeq(value) ? value : undefined;
}

function describe(node: YamlNode | undefined): string {
  if (!node) return 'nothing';
  if (isSeq(node)) return 'a list';
  if (isMap(node)) return 'a group of fields';
  if (isScalar(node)) return node.value === null ? 'nothing' : `a ${typeof node.value} (${String(node.value)})`;
  return 'something else';
}

function fail(file: VFile, reason: string, place: Place, rule: string): void {
  const message = file.message(reason, { place, source: 'front-matter', ruleId: rule });
  message.fatal = true;
}
