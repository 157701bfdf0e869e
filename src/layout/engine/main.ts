// Browser side entry of the layout engine: checks fonts and photos, sets each story in its block of the page, and publishes the layout report.
import type { LayoutProblem, LayoutReport, LayoutRequest, StoryReport } from '../report.ts';
import { collectStory, headlineArea, measureLeftover, oversetOf } from './lay-out.ts';
import { blockGeometry, geometryOf, pxPerMm, type Geometry } from './geometry.ts';
import { fitStory } from './fit-story.ts';
import { createSheet, place } from './sheet.ts';
import { measurePage } from './measure.ts';
import type { BodyArea } from './body-area.ts';

declare global {
  interface Window {
    broadsheetLayOut?: (request: LayoutRequest) => Promise<LayoutReport>;
  }
}

async function layOut(request: LayoutRequest): Promise<LayoutReport> {
  const started = performance.now();
  await document.fonts.ready;
  const problems: LayoutProblem[] = [];
  for (const image of Array.from(document.images)) {
    await image.decode().catch(() => undefined);
    if (!image.complete || image.naturalWidth === 0) {
      problems.push({ rule: 'photo-unreadable', severity: 'error', message: `photo ${image.getAttribute('src') ?? '(no source)'} could not be decoded` });
    }
  }
  const page = geometryOf(request.grid);
  const container = document.createElement('main');
  container.className = 'sheets';
  document.body.append(container);
  const sheet = createSheet({ container, geometry: page, folio: request.folio, number: request.folio.page });

  const stories: StoryReport[] = [];
  const fitted = [];
  let attempts = 0;
  for (const [index, story] of Array.from(document.querySelectorAll<HTMLElement>('article.story')).entries()) {
    const spec = request.stories[index] ?? { overset: { kind: 'error' } };
    const block = spec.block ?? { column: 0, columns: page.columns, top: 0, height: 1 };
    const geometry = blockGeometry(page, block.column, block.columns);
    sheet.element.append(story);
    const parts = collectStory(story, geometry.columns);
    const firstLine = Math.round(sheet.area.lines * block.top) + (block.top > 0 ? 1 : 0);
    const lines = Math.round(sheet.area.lines * (block.top + block.height)) - firstLine;
    const blockArea: BodyArea = { top: sheet.area.top + firstLine * page.leading, lines };
    drawBlockRules(story, geometry, page, blockArea, block.top > 0);
    const canvas = { sheet, geometry, page, container, folio: request.folio, policy: spec.overset };
    const area = headlineArea(parts, { ...canvas, block: blockArea });
    const result = fitStory(parts, { ...canvas, area }, spec.scaleHint);
    attempts += result.attempts;
    fitted.push(result.attempt);
    problems.push(...result.attempt.problems);
    const overset = oversetOf(result.attempt.flow, page.leading);
    const jump = result.attempt.jumped;
    const headline = parts.headline?.querySelector('.headline, .jump-head-title')?.textContent ?? '';
    if (overset) {
      // Marked at the story's last frame, where the text runs out of room.
      const last = result.attempt.frames[result.attempt.frames.length - 1];
      problems.push({
        rule: 'overset',
        severity: 'error',
        ...(last ? { page: last.page, column: last.column + 1 } : {}),
        message: `${overset.lines} lines (${overset.characters} characters) of “${headline.slice(0, 30)}” do not fit, from the text starting “${overset.from}”; cut the text, or allow a jump to a continuation page`,
      });
    }
    stories.push({
      headline,
      scale: Math.round(result.scale * 1000) / 1000,
      overset: overset ?? (jump ? measureLeftover(jump.blocks, page.leading) : null),
      jump: jump ? { toPage: jump.toPage, html: jump.blocks.map((block) => block.outerHTML).join('') } : null,
    });
  }
  const measured = measurePage(fitted, page);
  problems.push(...measured.problems);
  return {
    engine: 'broadsheet-frames',
    pages: measured.pages,
    overset: stories.find((story) => story.overset && !story.jump)?.overset ?? null,
    stories,
    problems,
    timing: { attempts, milliseconds: Math.round(performance.now() - started) },
    baseline: { pitch: round(page.leading / pxPerMm), origin: round(sheet.area.top / pxPerMm) },
  };
}

/** A thin rule between stories: down the gutter left of a block, and across above a block set below another. */
function drawBlockRules(story: HTMLElement, geometry: Geometry, page: Geometry, area: BodyArea, below: boolean): void {
  const rule = (className: string, x: number, y: number, width: number, height: number) => {
    const element = document.createElement('div');
    element.className = `block-rule ${className}`;
    place(element, x, y, width, height);
    story.append(element);
  };
  if (geometry.left > page.left + 1) rule('block-rule-vertical', geometry.left - page.gutter / 2, area.top, 0, area.lines * page.leading);
  if (below) rule('block-rule-horizontal', geometry.left, area.top - page.leading / 2, geometry.right - geometry.left, 0);
}

const round = (value: number) => Math.round(value * 1000) / 1000;

window.broadsheetLayOut = layOut;
