// Reads the layout report (layout.json) a build writes, checking its shape instead of trusting it.
import { readFile } from 'node:fs/promises';

export interface MmBox {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface ReportedFigure {
  readonly page: number;
  readonly src: string;
  readonly caption: string;
  readonly photo: MmBox;
  readonly captionBox: MmBox | null;
}

export async function readReportedFigures(path: string): Promise<ReportedFigure[]> {
  const report: unknown = JSON.parse(await readFile(path, 'utf8'));
  const figures: ReportedFigure[] = [];
  for (const page of list(field(report, 'pages'), 'pages')) {
    const number = field(page, 'number');
    for (const figure of list(field(page, 'figures'), 'pages[].figures')) {
      const captionBox = field(figure, 'captionBox');
      figures.push({
        page: typeof number === 'number' ? number : 1,
        src: text(field(figure, 'src'), 'src'),
        caption: text(field(figure, 'caption'), 'caption'),
        photo: box(field(figure, 'photo')),
        captionBox: captionBox === null ? null : box(captionBox),
      });
    }
  }
  return figures;
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? Object.entries(value).find(([name]) => name === key)?.[1] : undefined;
}

function list(value: unknown, where: string): unknown[] {
  if (!Array.isArray(value)) throw new Error(`layout.json: ${where} is not a list`);
  return value;
}

function text(value: unknown, where: string): string {
  if (typeof value !== 'string') throw new Error(`layout.json: ${where} is not text`);
  return value;
}

function box(value: unknown): MmBox {
  const number = (key: string): number => {
    const found = field(value, key);
    if (typeof found !== 'number') throw new Error(`layout.json: a box has no number ${key}`);
    return found;
  };
  return { x: number('x'), y: number('y'), width: number('width'), height: number('height') };
}
