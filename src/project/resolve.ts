// Resolves the project once per command: Broadsheet's own defaults, the newsroom's house config over them, the
// paths and the timeouts, into one frozen object that every stage is handed. No stage reads the tool's folder, the
// house folder or the environment by itself.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BroadsheetError } from '../errors/catalogue.ts';
import { loadGrids, readGrid, type PageGrid } from '../layout/grid.ts';
import { loadPaper } from '../layout/paper.ts';
import { requireTrueType } from './fonts.ts';
import { loadConfig } from './load-config.ts';
import type { HouseConfig } from './schema.ts';
import { defaultLimits, type ManuscriptLimits } from '../manuscript/guards.ts';

/** URL path prefix (no leading slash, ending in `/`) → absolute folder the page may load files from. */
export type PageRoots = Readonly<Record<string, string>>;

export interface ResolvedProject {
  /** Broadsheet's own folder: its templates, styles and fonts are the defaults. */
  readonly toolRoot: string;
  readonly version: string;
  /** The house config file and its folder, when there is one. */
  readonly configFile: string | null;
  readonly houseRoot: string | null;
  readonly paper: { readonly name: string; readonly lang: string };
  readonly grids: ReadonlyMap<string, PageGrid>;
  /** The grid named (by --grid or an edition), or the house's grid for the language. */
  gridFor(options: { name?: string; lang: string }): PageGrid;
  readonly template: string;
  /** Stylesheets after Broadsheet's own: the href the page loads each by. */
  readonly stylesheets: readonly string[];
  /** Folders the page may load from, besides the manuscript's own. */
  readonly pageRoots: PageRoots;
  /** Folders whose files a live proof watches: templates, styles, house files. */
  readonly watched: readonly string[];
  readonly outDir: string;
  readonly archiveDir: string;
  /** The house's job queue (redis://HOST:PORT), when it has one: editions go there unless told otherwise. */
  readonly queue: string | undefined;
  readonly frontMatter: { readonly unknownFields: 'allow' | 'warn' | 'refuse' };
  /** What a manuscript may hold: Broadsheet's defaults, with the house's own `limits:` over them. */
  readonly limits: ManuscriptLimits;
  /** Chromium to launch; undefined: look for Debian's. */
  readonly chromium: string | undefined;
  readonly timeouts: { readonly launchMs: number; readonly layoutMs: number; readonly printMs: number };
  readonly press: PressRules;
}

/** What the printing plant accepts, and how the press PDF is made for it. */
export interface PressRules {
  readonly pdfx: '4' | '1a';
  /** The CMYK output profile: the house's, or Broadsheet's newsprint profile built at setup. */
  readonly profile: string;
  readonly outputCondition: string;
  readonly outputConditionIdentifier: string;
  /** Millimetres. */
  readonly bleed: number;
  readonly marks: boolean;
  /** Total ink coverage limit, per cent. */
  readonly tac: number;
  readonly minPpi: number;
  readonly spotColours: boolean;
}

/** The newsprint profile setup builds from CGATS TR 002 with Argyll (an ink limit of 220 %, for a 240 % plant limit). */
export const newsprintProfile = (root: string): string => join(root, 'lib/profiles/newsprint-tr002.icc');

/** Broadsheet's own folder (two up from this file, in src/ or in lib/). */
export const toolRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** The font packages Broadsheet's own template and styles use. */
export const toolFontPackages = ['@fontsource/noto-serif-sc', '@fontsource/noto-sans-sc', '@fontsource/source-serif-4'] as const;

export interface ResolveOptions {
  readonly cwd: string;
  /** --config FILE; otherwise the nearest broadsheet.config.yaml from cwd up. */
  readonly configFile?: string;
  /** --out / --archive given on the command line win over the config. */
  readonly outDir?: string;
  readonly archiveDir?: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** --pdfx and --marks on the command line win over the config. */
  readonly pdfx?: '4' | '1a';
  readonly marks?: boolean;
}

export async function resolveProject(options: ResolveOptions): Promise<ResolvedProject> {
  const env = options.env ?? {};
  const loaded = await loadConfig({ cwd: options.cwd, ...(options.configFile ? { file: options.configFile } : {}) });
  const house: HouseConfig = loaded?.config ?? {};
  const houseRoot = loaded ? dirname(loaded.file) : null;
  const base = houseRoot ?? options.cwd;
  const houseFile = (path: string, what: string): string => {
    const absolute = resolve(base, path);
    const inside = relative(base, absolute);
    if (inside.startsWith('..') || inside.startsWith(sep)) throw new BroadsheetError('HouseFileMissing', `${what} ${path} is outside the house folder ${base}.`);
    if (!existsSync(absolute)) throw new BroadsheetError('HouseFileMissing', `${what} ${path} does not exist (looked for ${absolute}).`);
    return absolute;
  };

  const toolPaper = await loadPaper(join(toolRoot, 'styles/paper.yaml'));
  const grids = await loadGrids(join(toolRoot, 'styles/grids.yaml'));
  for (const [name, grid] of Object.entries(house.grids ?? {})) grids.set(name, readGrid(name, grid, `${loaded?.file ?? ''}: grids.${name}`));
  const byLanguage = new Map(Object.entries(house.defaultGrid ?? {}));
  for (const [lang, name] of byLanguage) {
    if (!grids.has(name)) throw new BroadsheetError('GridUnknown', `${loaded?.file ?? ''}: defaultGrid.${lang} names \`${name}\`; the grids are: ${[...grids.keys()].join(', ')}.`);
  }
  const gridFor = ({ name, lang }: { name?: string; lang: string }): PageGrid => {
    const [primary = ''] = lang.toLowerCase().split('-');
    const chosen = name ?? byLanguage.get(lang) ?? byLanguage.get(primary) ?? byLanguage.get('default') ?? toolPaper.gridFor(lang);
    const grid = grids.get(chosen);
    if (!grid) throw new BroadsheetError('GridUnknown', `There is no page grid called \`${chosen}\`; the grids are: ${[...grids.keys()].join(', ')}.`);
    return grid;
  };

  // The page may load Broadsheet's styles, templates and fonts, and the house's own fonts, template and styles.
  const roots: Record<string, string> = { 'styles/': join(toolRoot, 'styles'), 'templates/': join(toolRoot, 'templates') };
  const toolRequire = createRequire(join(toolRoot, 'package.json'));
  for (const name of toolFontPackages) roots[`fonts/${name.split('/')[1] ?? name}/`] = dirname(toolRequire.resolve(`${name}/package.json`));
  const watched = [join(toolRoot, 'templates'), join(toolRoot, 'styles')];
  const houseFolderOf = (file: string): string => {
    const folder = dirname(file);
    roots[`house/${relative(base, folder).split(sep).join('/')}/`.replace('//', '/')] = folder;
    if (!watched.includes(folder)) watched.push(folder);
    return folder;
  };
  if (houseRoot) {
    const houseRequire = createRequire(join(houseRoot, 'package.json'));
    for (const name of house.fonts?.packages ?? []) {
      let folder: string;
      try {
        folder = dirname(houseRequire.resolve(`${name}/package.json`));
      } catch {
        throw new BroadsheetError('HouseFileMissing', `${loaded?.file ?? ''}: fonts.packages names ${name}, which is not installed in ${houseRoot}; run \`npm install ${name}\` there.`);
      }
      await requireTrueType(folder, `${loaded?.file ?? ''}: fonts.packages ${name}`);
      roots[`fonts/${name.split('/')[1] ?? name}/`] = folder;
    }
    for (const file of house.fonts?.files ?? []) {
      const path = houseFile(file, 'The font file');
      await requireTrueType(path, `${loaded?.file ?? ''}: fonts.files ${file}`);
      houseFolderOf(path);
    }
  }
  const template = house.template ? houseFile(house.template, 'The template') : join(toolRoot, 'templates/article.html');
  if (house.template) houseFolderOf(template);
  const stylesheets = (house.stylesheets ?? []).map((file) => {
    const path = houseFile(file, 'The stylesheet');
    houseFolderOf(path);
    return `house/${relative(base, path).split(sep).join('/')}`;
  });

  const project: ResolvedProject = {
    toolRoot,
    version: toolVersion(),
    configFile: loaded?.file ?? null,
    houseRoot,
    paper: { name: house.paper?.name ?? toolPaper.name, lang: house.paper?.lang ?? 'zh-CN' },
    grids,
    gridFor,
    template,
    stylesheets,
    pageRoots: Object.freeze(roots),
    watched: Object.freeze(watched),
    outDir: resolve(options.cwd, options.outDir ?? (house.output ? resolve(base, house.output) : 'dist')),
    archiveDir: resolve(options.cwd, options.archiveDir ?? (house.archive ? resolve(base, house.archive) : 'archive')),
    queue: house.queue,
    frontMatter: { unknownFields: house.frontMatter?.unknownFields ?? 'warn' },
    limits: Object.freeze(Object.fromEntries(Object.entries(defaultLimits).map(([key, value]) => [key, house.limits?.[key as keyof ManuscriptLimits] ?? value])) as ManuscriptLimits),
    chromium: env['BROADSHEET_CHROMIUM'],
    timeouts: { launchMs: 30_000, layoutMs: 60_000, printMs: 60_000 },
    press: Object.freeze({
      pdfx: options.pdfx ?? house.press?.pdfx ?? '4',
      profile: house.press?.profile ? houseFile(house.press.profile, 'The press profile') : newsprintProfile(toolRoot),
      outputCondition: house.press?.outputCondition ?? (house.press?.profile ? 'the printing plant’s own condition' : 'Coldset newsprint (CGATS TR 002)'),
      outputConditionIdentifier: house.press?.profile ? 'Custom' : 'CGATS TR 002',
      bleed: house.press?.bleed ? lengthInMm(house.press.bleed) : 3,
      marks: options.marks ?? house.press?.marks ?? false,
      tac: house.press?.tac ?? 240,
      minPpi: house.press?.minPpi ?? 200,
      spotColours: house.press?.spotColours ?? false,
    }),
  };
  return Object.freeze(project);
}

function lengthInMm(value: string): number {
  const amount = Number.parseFloat(value);
  return value.endsWith('pt') ? (amount * 25.4) / 72 : amount;
}

export function toolVersion(): string {
  const manifest: unknown = JSON.parse(readFileSync(join(toolRoot, 'package.json'), 'utf8'));
  return typeof manifest === 'object' && manifest !== null && 'version' in manifest ? String(manifest.version) : 'unknown';
}
