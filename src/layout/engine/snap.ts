// Browser side: pads a block to whole baseline lines, so the text after it stays on the grid.

export function snapToGrid(block: HTMLElement, leading: number): void {
  block.style.paddingBottom = '';
  const height = block.getBoundingClientRect().height;
  const extra = Math.ceil(height / leading - 0.02) * leading - height;
  if (extra > 0.05) {
    const padding = parseFloat(getComputedStyle(block).paddingBottom) || 0;
    block.style.paddingBottom = `${padding + extra}px`;
  }
}
