// Browser side: threads the story's blocks through the column frames, splitting at line boundaries and keeping the rules of good setting.
import { lineCount, splitAfterLine } from './split.ts';

export interface Frame {
  readonly page: number;
  readonly column: number;
  /** First body line and number of lines, on the sheet's baseline grid. */
  readonly line: number;
  readonly lines: number;
  readonly element: HTMLElement;
}

export interface BlockEnd {
  readonly page: number;
  readonly column: number;
  readonly line: number;
}

export interface FlowResult {
  /** Where each block (by its data-block index) ended. */
  readonly ends: ReadonlyMap<number, BlockEnd>;
  /** Lines used in each frame, in frame order. */
  readonly used: readonly number[];
  /** Blocks that did not fit. */
  readonly overset: HTMLElement[];
  readonly problems: string[];
}

const textBlocks = new Set(['P', 'LI', 'DD', 'DT']);
const containers = new Set(['UL', 'OL', 'SECTION', 'DIV', 'DL']);
const headings = new Set(['H1', 'H2', 'H3', 'H4', 'H5', 'H6']);

export function flowBlocks(blocks: readonly HTMLElement[], frames: readonly Frame[], leading: number): FlowResult {
  const ends = new Map<number, BlockEnd>();
  const used = frames.map(() => 0);
  const problems: string[] = [];
  const queue = [...blocks];
  let index = 0;
  while (queue.length > 0) {
    const frame = frames[index];
    const block = queue.shift();
    if (!frame || !block) {
      if (block) queue.unshift(block);
      break;
    }
    frame.element.append(block);
    snapToGrid(block, leading);
    const start = Math.round(block.offsetTop / leading);
    const end = Math.round((block.offsetTop + block.offsetHeight) / leading);
    if (end <= frame.lines) {
      used[index] = end;
      const id = Number(block.dataset['block']);
      if (!Number.isNaN(id)) ends.set(id, { page: frame.page, column: frame.column, line: frame.line + end });
      continue;
    }
    const tail = start < frame.lines ? split(block, frame.lines - start, leading) : null;
    if (tail) {
      snapToGrid(block, leading);
      used[index] = Math.round((block.offsetTop + block.offsetHeight) / leading);
      queue.unshift(tail);
    } else if (start === 0) {
      // Taller than a whole frame and cannot be split: set it anyway and say so.
      used[index] = frame.lines;
      problems.push(`a ${block.tagName.toLowerCase()} is taller than its frame (${end} lines in ${frame.lines}) and is cut off`);
    } else {
      block.remove();
      queue.unshift(block);
      // A subhead never ends a frame: it goes on with the text it heads.
      for (let last = frame.element.lastElementChild; last instanceof HTMLElement && headings.has(last.tagName); last = frame.element.lastElementChild) {
        last.remove();
        queue.unshift(last);
      }
      const last = frame.element.lastElementChild;
      used[index] = last instanceof HTMLElement ? Math.round((last.offsetTop + last.offsetHeight) / leading) : 0;
    }
    index++;
  }
  return { ends, used, overset: queue, problems };
}

/** Pads a block to whole baseline lines, so the text after it stays on the grid. */
export function snapToGrid(block: HTMLElement, leading: number): void {
  block.style.paddingBottom = '';
  const height = block.getBoundingClientRect().height;
  const extra = Math.ceil(height / leading - 0.02) * leading - height;
  if (extra > 0.05) {
    const padding = parseFloat(getComputedStyle(block).paddingBottom) || 0;
    block.style.paddingBottom = `${padding + extra}px`;
  }
}

/** Splits so that at most `room` lines stay; null when the whole block should move on. */
function split(block: HTMLElement, room: number, leading: number): HTMLElement | null {
  if (textBlocks.has(block.tagName)) {
    const lines = lineCount(block, leading);
    // No single first line left at a frame's foot (orphan), no single last line at the next frame's head (widow).
    if (room < 2 || lines < 2) return null;
    let keep = Math.min(room, lines - 1);
    if (lines - keep === 1 && keep - 1 >= 2) keep -= 1;
    return splitAfterLine(block, keep, leading);
  }
  if (containers.has(block.tagName)) return splitContainer(block, room, leading);
  return null;
}

function splitContainer(block: HTMLElement, room: number, leading: number): HTMLElement | null {
  const limit = block.getBoundingClientRect().top + room * leading + 0.5;
  const children = Array.from(block.children).filter((child): child is HTMLElement => child instanceof HTMLElement);
  const cut = children.findIndex((child) => child.getBoundingClientRect().bottom > limit);
  if (cut < 0) return null;
  const child = children[cut];
  if (!child) return null;
  const tail = block.cloneNode(false);
  if (!(tail instanceof HTMLElement)) return null;
  tail.removeAttribute('id');
  const childRoom = Math.floor((limit - child.getBoundingClientRect().top) / leading);
  const childTail = childRoom >= 2 ? split(child, childRoom, leading) : null;
  if (!childTail && cut === 0) return null;
  if (childTail) tail.append(childTail);
  for (const moved of children.slice(childTail ? cut + 1 : cut)) tail.append(moved);
  if (block instanceof HTMLOListElement && tail instanceof HTMLOListElement) {
    tail.start = block.start + (childTail ? cut : cut);
  }
  block.classList.add('continues');
  tail.classList.add('continued');
  return tail;
}
