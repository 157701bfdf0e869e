// The stages before the browser: manuscript → markdown → template, plus the layout request for the page.
import { toHtml } from 'hast-util-to-html';
import type { Root } from 'hast';
import { loadManuscript } from './manuscript/load.ts';
import { toStory } from './markdown/to-story.ts';
import { smartQuotes } from './markdown/plugins/smart-quotes.ts';
import type { StoryFigure } from './markdown/figure-spec.ts';
import { fillTemplate } from './template/fill.ts';
import { gridCss, printRoom, type PageGrid } from './layout/grid.ts';
import type { Manuscript } from './manuscript/types.ts';
import type { ResolvedProject } from './project/resolve.ts';
import type { LayoutRequest } from './layout/report.ts';

export interface ComposeOptions {
  readonly project: ResolvedProject;
  /** The manuscript folder. */
  readonly dir: string;
  /** A grid by name; otherwise the house's grid for the article's language. */
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
  readonly grid: PageGrid;
  readonly figures: readonly StoryFigure[];
}

/** Manuscript → markdown → template for one story; photos are addressed under `photoBase`. */
export async function composeStory(options: { project: ResolvedProject; dir: string; grid?: PageGrid; gridName?: string; photoBase?: string; signal?: AbortSignal }): Promise<ComposedStory> {
  const { signal, project } = options;
  const manuscript = await loadManuscript({ dir: options.dir, unknownFields: project.frontMatter.unknownFields, limits: project.limits, ...(signal ? { signal } : {}) });
  const { lang } = manuscript.frontMatter;
  const grid = options.grid ?? project.gridFor({ lang, ...(options.gridName ? { name: options.gridName } : {}) });
  const story = await toStory({ input: { tree: manuscript.tree, file: manuscript.file, lang, photos: manuscript.photos }, ...(signal ? { signal } : {}), ...(options.photoBase ? { photoBase: options.photoBase } : {}) });
  const page = await fillTemplate({ templateFile: project.template, stylesheets: project.stylesheets, frontMatter: manuscript.frontMatter, story: story.body, gridCss: gridCss(grid, printRoom(project.press)) });
  // The headline module comes from the front matter: its quotes are made printed quotes too.
  smartQuotes(page, { lang });
  return { manuscript, page, grid, figures: story.figures };
}

export async function composeArticle(options: ComposeOptions): Promise<ComposedArticle> {
  const { project, signal } = options;
  const { manuscript, page, grid, figures } = await composeStory({ project, dir: options.dir, ...(options.grid ? { gridName: options.grid } : {}), ...(signal ? { signal } : {}) });
  const { frontMatter } = manuscript;
  const layout: LayoutRequest = {
    grid,
    folio: {
      paper: project.paper.name,
      lang: frontMatter.lang,
      page: options.page ?? 1,
      ...(frontMatter.date ? { date: frontMatter.date } : {}),
      ...(frontMatter.section ? { section: frontMatter.section } : {}),
    },
    stories: [{ lang: frontMatter.lang, figures, overset: options.allowJump ? { kind: 'sheets' } : { kind: 'error' } }],
  };
  return { manuscript, grid, html: toHtml(page), layout };
}
