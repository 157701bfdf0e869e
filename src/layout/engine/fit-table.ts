// Browser side: a table is set in its column without breaking a word or a number inside it. A table whose words need
// more width than the column has is set smaller, down to the smallest type a reader can take in print; one that still
// does not fit is refused at its line (fewer columns, shorter headings, or a graphic instead), never crushed into
// letters or printed over itself.
import type { LayoutProblem } from '../report.ts';

/** The smallest table type, in CSS pixels (6 pt): agate, the size of sports results and share prices. */
const smallestType = 8;

/** Fits the table in `block` (its wrapper, already in the measuring column); says why when it cannot be done. */
export function fitTable(block: HTMLElement): LayoutProblem | undefined {
  const table = block.querySelector<HTMLTableElement>(':scope > table');
  if (!table) return undefined;
  const available = block.clientWidth;
  const style = getComputedStyle(table);
  const size = parseFloat(style.fontSize) || 10;
  const leading = parseFloat(style.lineHeight) || size * 1.3;
  // Laid out by its content, no word broken: its narrowest width at each size, from its own down to the smallest.
  table.style.tableLayout = 'auto';
  table.style.overflowWrap = 'normal';
  const narrowest = (): number => {
    table.style.width = 'min-content';
    const width = table.getBoundingClientRect().width;
    table.style.width = '';
    return width;
  };
  const needed = narrowest();
  if (needed <= available + 0.5) return undefined;
  // The cells' padding and rules do not shrink with the type, so each size is measured, not worked out.
  for (let fitted = size - 0.25; fitted >= smallestType; fitted -= 0.25) {
    table.style.fontSize = `${fitted}px`;
    table.style.lineHeight = `${(leading * fitted) / size}px`;
    if (narrowest() <= available + 0.5) return undefined;
  }
  const atSmallest = narrowest();
  table.style.fontSize = '';
  table.style.lineHeight = '';
  const columns = table.rows[0]?.cells.length ?? 0;
  const line = block.dataset['line'] ?? table.dataset['line'];
  const mm = (px: number) => Math.round((px * 25.4) / 96);
  return {
    rule: 'table-too-wide',
    severity: 'error',
    message: `the table${line ? ` at line ${line}` : ''} (${columns} columns) needs ${mm(needed)} mm at its type size and ${mm(atSmallest)} mm even at 6 pt; its column is ${mm(available)} mm: use fewer columns or shorter headings, or make it a graphic`,
  };
}
