// The edition file (YAML): a dated issue, its pages in order, and the articles on each page in blocks of whole columns.
import { readFile, stat } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode, type YAMLMap } from 'yaml';
import { BroadsheetError } from '../errors/catalogue.ts';
import type { Diagnostic } from '../errors/diagnostic.ts';
import type { BlockSpec } from '../layout/report.ts';

export type PlacedArticle =
  | { readonly kind: 'article'; readonly slug: string; readonly dir: string; readonly block?: BlockSpec; readonly jumpTo?: number }
  | { readonly kind: 'continuation'; readonly slug: string; readonly block?: BlockSpec };

export interface EditionPage {
  readonly number: number;
  readonly section?: string;
  readonly articles: readonly PlacedArticle[];
}

export interface Edition {
  readonly file: string;
  readonly dir: string;
  readonly paper?: string;
  readonly date: string;
  readonly name: string;
  readonly number?: number;
  readonly grid?: string;
  readonly pages: readonly EditionPage[];
}

/** Column count of the grid the edition is checked against (blocks must fit it). */
export async function loadEdition(options: { file: string; columns: (grid: string | undefined) => Promise<number> }): Promise<Edition> {
  const file = resolve(options.file);
  const source = await readFile(file, 'utf8').catch(() => {
    throw new BroadsheetError('ManuscriptNotFound', `${options.file} does not exist.`);
  });
  const dir = dirname(file);
  const lineCounter = new LineCounter();
  const document = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const problems: Diagnostic[] = [];
  const problem = (message: string, node: YamlNode | undefined | null, rule: string) => {
    const position = lineCounter.linePos(node?.range?.[0] ?? 0);
    problems.push({ severity: 'error', message, rule: `edition:${rule}`, file: relative(process.cwd(), file) || file, line: position.line, column: position.col });
  };
  for (const error of document.errors) problem(`not valid YAML: ${error.message.split('\n')[0]}`, undefined, 'yaml');
  const root = document.contents;
  if (document.errors.length > 0 || !isMap(root)) {
    if (!isMap(root) && document.errors.length === 0) problem('an edition file is a list of `field: value` lines (paper, date, edition, pages)', undefined, 'not-a-map');
    throw invalid(file, problems);
  }

  const text = (map: YAMLMap, key: string, required: boolean): string | undefined => {
    const node = map.get(key, true);
    if (node === undefined) {
      if (required) problem(`\`${key}\` is required`, map, `${key}-required`);
      return undefined;
    }
    if (isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number') && String(node.value).trim() !== '') return String(node.value).trim();
    problem(`\`${key}\` must be text`, isNode(node) ? node : map, `${key}-type`);
    return undefined;
  };
  const whole = (map: YAMLMap, key: string): number | undefined => {
    const node = map.get(key, true);
    if (node === undefined) return undefined;
    if (isScalar(node) && typeof node.value === 'number' && Number.isInteger(node.value) && node.value > 0) return node.value;
    problem(`\`${key}\` must be a whole number greater than 0`, isNode(node) ? node : map, `${key}-type`);
    return undefined;
  };

  const date = text(root, 'date', true);
  if (date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(date)) problem('`date` must be written YYYY-MM-DD', nodeAt(root, 'date'), 'date-format');
  const editionNode = root.get('edition', true);
  let name: string | undefined;
  let number: number | undefined;
  if (isMap(editionNode)) {
    name = text(editionNode, 'name', true);
    number = whole(editionNode, 'number');
  } else if (isScalar(editionNode) && typeof editionNode.value === 'string') {
    name = editionNode.value;
  } else {
    problem('`edition` is required: `edition: {name: …, number: …}`', editionNode && isNode(editionNode) ? editionNode : root, 'edition-required');
  }
  const grid = text(root, 'grid', false);
  const paper = text(root, 'paper', false);
  const columns = await options.columns(grid);

  const pagesNode = root.get('pages', true);
  const pages: EditionPage[] = [];
  // Where each article entry stands in the file, so a problem found later still names its line.
  const nodes = new Map<PlacedArticle, YamlNode>();
  if (!isSeq(pagesNode) || pagesNode.items.length === 0) problem('`pages` must list the pages in order', isNode(pagesNode) ? pagesNode : root, 'pages-required');
  for (const pageNode of isSeq(pagesNode) ? pagesNode.items : []) {
    if (!isMap(pageNode)) {
      problem('each page is a group of fields: number, section, articles', isNode(pageNode) ? pageNode : root, 'page-type');
      continue;
    }
    const pageNumber = whole(pageNode, 'number');
    const section = text(pageNode, 'section', false);
    const previous = pages[pages.length - 1];
    if (pageNumber !== undefined && previous && pageNumber <= previous.number) problem(`page ${pageNumber} comes after page ${previous.number}; list pages in order`, nodeAt(pageNode, 'number'), 'page-order');
    const articlesNode = pageNode.get('articles', true);
    const articles: PlacedArticle[] = [];
    if (!isSeq(articlesNode) || articlesNode.items.length === 0) problem('each page needs `articles:`', isNode(articlesNode) ? articlesNode : pageNode, 'articles-required');
    for (const articleNode of isSeq(articlesNode) ? articlesNode.items : []) {
      if (!isMap(articleNode)) {
        problem('each article is `manuscript: FOLDER` (or `continues: FOLDER`) with `columns: 1-8`', isNode(articleNode) ? articleNode : pageNode, 'article-type');
        continue;
      }
      const placement = ['columns', 'top', 'height'].some((key) => articleNode.has(key));
      // No columns, top or height: the layout engine sizes the article on its page.
      const block = placement ? readBlock(articleNode, columns, problem) : null;
      const manuscript = text(articleNode, 'manuscript', false);
      const continues = text(articleNode, 'continues', false);
      if ((manuscript === undefined) === (continues === undefined)) {
        problem('give either `manuscript: FOLDER` or `continues: FOLDER`', articleNode, 'article-source');
        continue;
      }
      const slug = manuscript ?? continues ?? '';
      if (!/^[\w.-]+$/.test(slug) || slug.startsWith('.')) {
        problem(`\`${slug}\` must be the name of a manuscript folder next to the edition file`, nodeAt(articleNode, manuscript ? 'manuscript' : 'continues'), 'article-folder');
        continue;
      }
      if (block === undefined) continue;
      const blockPart = block ? { block } : {};
      if (continues !== undefined) {
        const continuation: PlacedArticle = { kind: 'continuation', slug, ...blockPart };
        nodes.set(continuation, articleNode);
        articles.push(continuation);
        continue;
      }
      const folder = resolve(dir, slug);
      const rel = relative(dir, folder);
      const exists = await stat(resolve(folder, 'article.md')).then((info) => info.isFile()).catch(() => false);
      if (rel.startsWith('..') || isAbsolute(rel) || !exists) {
        problem(`there is no manuscript \`${slug}\` (a folder with article.md) next to the edition file`, nodeAt(articleNode, 'manuscript'), 'article-missing');
        continue;
      }
      const jumpTo = whole(articleNode, 'jump');
      const placed: PlacedArticle = { kind: 'article', slug, dir: folder, ...blockPart, ...(jumpTo === undefined ? {} : { jumpTo }) };
      nodes.set(placed, nodeAt(articleNode, 'jump') ?? articleNode);
      articles.push(placed);
    }
    checkOverlaps(articles, (article) => nodes.get(article) ?? pageNode, problem);
    if (pageNumber !== undefined) pages.push({ number: pageNumber, ...(section === undefined ? {} : { section }), articles });
  }
  checkJumps(pages, (article) => nodes.get(article) ?? root, problem);
  if (problems.length > 0 || date === undefined || name === undefined) throw invalid(file, problems);
  return { file, dir, date, name, pages, ...(paper === undefined ? {} : { paper }), ...(number === undefined ? {} : { number }), ...(grid === undefined ? {} : { grid }) };
}

type Problem = (message: string, node: YamlNode | undefined | null, rule: string) => void;

function readBlock(map: YAMLMap, columns: number, problem: Problem): BlockSpec | undefined {
  const node = map.get('columns', true);
  let first = 1;
  let last = columns;
  if (node !== undefined) {
    const match = isScalar(node) ? /^(\d+)\s*(?:-\s*(\d+))?$/.exec(String(node.value)) : null;
    first = Number(match?.[1]);
    last = Number(match?.[2] ?? match?.[1]);
    if (!match || first < 1 || last > columns || first > last) {
      problem(`\`columns\` must be a range of whole columns within 1-${columns}, like 1-5`, isNode(node) ? node : map, 'columns');
      return undefined;
    }
  }
  const fraction = (key: string, fallback: number): number | undefined => {
    const value = map.get(key, true);
    if (value === undefined) return fallback;
    const match = isScalar(value) ? /^(\d+(?:\.\d+)?)%$/.exec(String(value.value)) : null;
    const amount = match ? Number(match[1]) / 100 : NaN;
    if (!(amount >= 0 && amount <= 1)) {
      problem(`\`${key}\` must be a share of the page's height, like 50%`, isNode(value) ? value : map, key);
      return undefined;
    }
    return amount;
  };
  const top = fraction('top', 0);
  const height = fraction('height', 1 - (top ?? 0));
  if (top === undefined || height === undefined) return undefined;
  if (top + height > 1.0001 || height < 0.15) {
    problem('`top` plus `height` must stay within the page, and a block needs at least 15% of it', map, 'block-height');
    return undefined;
  }
  return { column: first - 1, columns: last - first + 1, top, height };
}

type NodeOf = (article: PlacedArticle) => YamlNode;

function checkOverlaps(articles: readonly PlacedArticle[], nodeOf: NodeOf, problem: Problem): void {
  const placed = articles.filter((article) => article.block);
  if (placed.length > 0 && placed.length < articles.length) {
    const loose = articles.find((article) => !article.block);
    if (loose) problem(`\`${loose.slug}\` has no \`columns\` while others on this page do; give every article on the page its columns, or none (the layout then sizes them all)`, nodeOf(loose), 'blocks-mixed');
    return;
  }
  for (const [index, a] of placed.entries()) {
    for (const b of placed.slice(index + 1)) {
      if (!a.block || !b.block) continue;
      const across = a.block.column < b.block.column + b.block.columns && b.block.column < a.block.column + a.block.columns;
      const down = a.block.top < b.block.top + b.block.height - 0.0001 && b.block.top < a.block.top + a.block.height - 0.0001;
      if (across && down) problem(`\`${b.slug}\` overlaps \`${a.slug}\` on this page; give them different columns or top/height`, nodeOf(b), 'blocks-overlap');
    }
  }
}

function checkJumps(pages: readonly EditionPage[], nodeOf: NodeOf, problem: Problem): void {
  for (const page of pages) {
    for (const article of page.articles) {
      if (article.kind === 'article' && article.jumpTo !== undefined) {
        const target = pages.find((candidate) => candidate.number === article.jumpTo);
        if (!target || target.number <= page.number) {
          problem(`\`${article.slug}\` on page ${page.number} jumps to page ${article.jumpTo}, which is not a later page of this edition`, nodeOf(article), 'jump-target');
        } else if (!target.articles.some((placed) => placed.kind === 'continuation' && placed.slug === article.slug)) {
          problem(`page ${article.jumpTo} needs \`continues: ${article.slug}\` for the text that jumps there`, nodeOf(article), 'jump-block');
        }
      }
      if (article.kind === 'continuation') {
        const from = pages.find((candidate) => candidate.articles.some((placed) => placed.kind === 'article' && placed.slug === article.slug && placed.jumpTo === page.number));
        if (!from) problem(`page ${page.number} continues \`${article.slug}\`, but no page jumps to it (add \`jump: ${page.number}\` there)`, nodeOf(article), 'continuation-source');
      }
    }
  }
}

const isNode = (value: unknown): value is YamlNode => isScalar(value) || isMap(value) || isSeq(value);
const nodeAt = (map: YAMLMap, key: string): YamlNode | undefined => {
  const node = map.get(key, true);
  return isNode(node) ? node : undefined;
};

function invalid(file: string, problems: readonly Diagnostic[]): BroadsheetError {
  return new BroadsheetError('ManuscriptInvalid', `${file} has ${problems.length} problem${problems.length === 1 ? '' : 's'}:`, {
    details: problems.map((d) => `${d.file}:${d.line}:${d.column}: error: ${d.message} [${d.rule}]`),
    diagnostics: problems,
  });
}
