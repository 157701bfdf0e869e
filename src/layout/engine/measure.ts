// Browser side: measures boxes in millimetres relative to the page they sit on.
import type { Box } from '../report.ts';

const mmPerPx = 25.4 / 96;

export function boxOf(element: Element, page: Element): Box {
  const rect = element.getBoundingClientRect();
  const origin = page.getBoundingClientRect();
  const round = (value: number) => Math.round(value * mmPerPx * 100) / 100;
  return { x: round(rect.left - origin.left), y: round(rect.top - origin.top), width: round(rect.width), height: round(rect.height) };
}
