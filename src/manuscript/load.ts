// The manuscript stage: reads a manuscript folder, checks its front matter, text and photos, and reports every problem with its place.
import { readFile, realpath, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { VFile } from 'vfile';
import type { Yaml } from 'mdast';
import { BroadsheetError } from '../errors/catalogue.ts';
import { parseArticle } from '../markdown/parse.ts';
import { isPrintableLink } from '../markdown/links.ts';
import { visit } from 'unist-util-visit';
import { readFrontMatter } from './front-matter.ts';
import { guessLanguage } from './language.ts';
import { openingProblem } from './opening.ts';
import { checkSourceLimits, defaultLimits, raiseLimit, type ManuscriptLimits } from './guards.ts';
import { collectPhotos } from './photos.ts';
import { reportUnreadPhotos } from './unread-photos.ts';
import { formatMessages, toDiagnostics } from './diagnostics.ts';
import type { Manuscript } from './types.ts';

export const articleFileName = 'article.md';

export async function loadManuscript(options: { dir: string; signal?: AbortSignal; unknownFields?: 'allow' | 'warn' | 'refuse'; limits?: ManuscriptLimits }): Promise<Manuscript> {
  const limits = options.limits ?? defaultLimits;
  const dir = await realpath(options.dir).catch(() => {
    throw new BroadsheetError('ManuscriptNotFound', `${options.dir} does not exist.`);
  });
  const path = join(dir, articleFileName);
  const info = await stat(path).catch(() => {
    throw new BroadsheetError('ManuscriptNotFound', `${dir} has no ${articleFileName}.`);
  });
  if (info.size > limits.maxBytes * 4) {
    throw new BroadsheetError('ManuscriptTooLarge', `${path} is ${(info.size / 1024 / 1024).toFixed(1)} MB.`);
  }
  const bytes = await readFile(path);
  const source = new TextDecoder('utf-8', { fatal: false }).decode(bytes).replace(/^\uFEFF/, '');
  const file = new VFile({ path, value: source, cwd: dir });
  options.signal?.throwIfAborted();

  const fatal = (reason: string, line: number, rule: string) => {
    file.message(reason, { place: { line, column: 1 }, source: 'manuscript', ruleId: rule }).fatal = true;
  };
  if (source.includes('\uFFFD')) {
    fatal(`${articleFileName} is not valid UTF-8 text; save it as UTF-8`, lineOf(source, source.indexOf('\uFFFD')), 'encoding');
  }
  const foreignMatter = /^(?:---[ \t]*([A-Za-z]\w*)|(\+\+\+)|(;;;))[ \t]*\r?\n/.exec(source);
  if (foreignMatter) {
    const language = foreignMatter[1] ?? (foreignMatter[2] ? 'toml' : 'json');
    fatal(`front matter must be YAML, between two \`---\` lines; \`${language}\` front matter is not accepted`, 1, 'front-matter-language');
  }
  const opening = openingProblem(source, articleFileName);
  if (opening) fatal(opening.reason, opening.line, opening.rule);
  const tooBig = checkSourceLimits(source, limits);
  if (tooBig) fatal(tooBig.reason, tooBig.line, 'limits');
  if (file.messages.some((message) => message.fatal)) throw invalid(file);

  const parsed = await parseArticle(source, { timeoutMs: limits.parseSeconds * 1000 });
  if (!('tree' in parsed)) {
    const reason = {
      timeout: `the Markdown parser did not finish within ${limits.parseSeconds} s: ${parsed.line === undefined ? 'some' : `the block starting on line ${parsed.line} holds a`} run of brackets, emphasis marks or nesting that is more than it can untangle; ${parsed.line === undefined ? 'split long paragraphs and remove runs of * _ [ ] < > to find it' : 'remove its runs of * _ [ ] < > or split it'}${raiseLimit('parseSeconds')}`,
      nesting: 'the Markdown is nested too deeply for the parser (quotes, lists or brackets inside each other): flatten it',
      memory: 'the Markdown parser ran out of memory reading it: split the article',
      error: `the Markdown parser failed: ${parsed.detail ?? ''}`,
    }[parsed.failed];
    fatal(reason, parsed.line ?? 1, `parse-${parsed.failed}`);
    throw invalid(file);
  }
  const tree = parsed.tree;

  const yaml = tree.children.find((node): node is Yaml => node.type === 'yaml');
  const toml = tree.children.some((node) => String(node.type) === 'toml');
  if (toml && !foreignMatter) fatal('front matter must be YAML, between two `---` lines; `+++` (TOML) front matter is not accepted', 1, 'front-matter-language');
  const body = yaml?.position?.end.offset !== undefined ? source.slice(yaml.position.end.offset) : source;
  const frontMatter = readFrontMatter(yaml ? { value: yaml.value, firstLine: (yaml.position?.start.line ?? 1) + 1 } : undefined, file, {
    guessLang: () => guessLanguage(body),
    ...(options.unknownFields ? { unknownFields: options.unknownFields } : {}),
  });

  visit(tree, ['link', 'definition'], (node) => {
    if ((node.type === 'link' || node.type === 'definition') && !isPrintableLink(node.url)) {
      file.message(`link \`${node.url}\` is printed as plain text: only http, https and mailto links are kept`, {
        place: node.position,
        source: 'links',
        ruleId: 'link-scheme',
      });
    }
  });
  visit(tree, 'html', (node) => {
    file.message('raw HTML is not printed; use Markdown instead', { place: node.position, source: 'markdown', ruleId: 'raw-html' });
  });

  reportUnreadPhotos(tree, file);
  const photos = await collectPhotos(tree, dir, file, limits);
  options.signal?.throwIfAborted();
  if (!frontMatter || file.messages.some((message) => message.fatal)) throw invalid(file);
  return { dir, slug: basename(dir), file, tree, frontMatter, photos };
}

function invalid(file: VFile): BroadsheetError {
  const problems = file.messages.filter((message) => message.fatal);
  // The warnings come along: a misspelt field's "did you mean" often explains the error it caused.
  const warnings = file.messages.filter((message) => !message.fatal);
  return new BroadsheetError('ManuscriptInvalid', `${file.path} has ${problems.length} problem${problems.length === 1 ? '' : 's'}:`, {
    details: [...formatMessages(problems), ...formatMessages(warnings)],
    diagnostics: toDiagnostics(problems, file.cwd),
  });
}

function lineOf(text: string, offset: number): number {
  return text.slice(0, Math.max(0, offset)).split('\n').length;
}
