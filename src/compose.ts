// The stages before the browser: manuscript → markdown → template, plus the layout request for the page.
import { join } from 'node:path';
import { toHtml } from 'hast-util-to-html';
import { loadManuscript } from './manuscript/load.ts';
import { toStory } from './markdown/to-story.ts';
import { fillTemplate } from './template/fill.ts';
import { gridCss, loadGrid, type PageGrid } from './layout/grid.ts';
import { loadPaper } from './layout/paper.ts';
import { smartQuotes } from './markdown/plugins/smart-quotes.ts';
import { projectRoot } from './render/page-files.ts';
import type { Manuscript } from './manuscript/types.ts';
import type { Root } from 'hast';
import type { LayoutRequest } from './layout/report.ts';

export interface ComposeOptions {
  /** The manuscript folder. */
  readonly dir: string;
  readonly grid?: string;
  /** The page number the article starts on (default 1). */
  readonly page?: number;
  /** Let overset text jump to a continuation page instead of failing. */
  readonly allowJump?: boolean;
  readonly signal?: AbortSignal;
}

export interface ComposedArticle {
  readonly manuscript: Manuscript;
  readonly grid: PageGrid;
  /** The filled template, ready for the browser. */
  readonly html: string;
  readonly layout: LayoutRequest;
}

export interface ComposedStory {
  readonly manuscript: Manuscript;
  /** The template filled with this one story. */
  readonly page: Root;
}

/** Manuscript → markdown → template for one story; photos are addressed under `photoBase`. */
export async function composeStory(options: { dir: string; grid: PageGrid | ((manuscript: Manuscript) => Promise<PageGrid>); photoBase?: string; signal?: AbortSignal }): Promise<ComposedStory & { grid: PageGrid }> {
  const { signal } = options;
  const manuscript = await loadManuscript({ dir: options.dir, ...(signal ? { signal } : {}) });
  const grid = typeof options.grid === 'function' ? await options.grid(manuscript) : options.grid;
  const story = await toStory({ manuscript, ...(signal ? { signal } : {}), ...(options.photoBase ? { photoBase: options.photoBase } : {}) });
  const page = await fillTemplate({ templateFile: join(projectRoot, 'templates/article.html'), frontMatter: manuscript.frontMatter, story, gridCss: gridCss(grid) });
  // The headline module comes from the front matter: its quotes are made printed quotes too.
  smartQuotes(page, { lang: manuscript.frontMatter.lang });
  return { manuscript, page, grid };
}

export const loadProjectGrid = (name?: string): Promise<PageGrid> => loadGrid({ file: join(projectRoot, 'styles/grids.yaml'), ...(name ? { name } : {}) });
export const loadProjectPaper = () => loadPaper(join(projectRoot, 'styles/paper.yaml'));

export async function composeArticle(options: ComposeOptions): Promise<ComposedArticle> {
  const signal = options.signal;
  const paper = await loadProjectPaper();
  // The grid the command names, or the paper's grid for the article's language.
  const { manuscript, page, grid } = await composeStory({
    dir: options.dir,
    grid: (loaded) => loadProjectGrid(options.grid ?? paper.gridFor(loaded.frontMatter.lang)),
    ...(signal ? { signal } : {}),
  });
  const { frontMatter } = manuscript;
  const layout: LayoutRequest = {
    grid,
    folio: {
      paper: paper.name,
      page: options.page ?? 1,
      ...(frontMatter.date ? { date: frontMatter.date } : {}),
      ...(frontMatter.section ? { section: frontMatter.section } : {}),
    },
    stories: [{ overset: options.allowJump ? { kind: 'sheets' } : { kind: 'error' } }],
  };
  return { manuscript, grid, html: toHtml(page), layout };
}
