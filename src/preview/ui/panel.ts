// Proof tools: the diagnostics panel. Every warning and error of the build, each taking the reader to its place.
import type { Diagnostic } from '../../errors/diagnostic.ts';

export function diagnosticsPanel(diagnostics: readonly Diagnostic[]): HTMLElement {
  const panel = document.createElement('aside');
  panel.className = 'proof-panel';
  panel.setAttribute('aria-label', 'Diagnostics');
  const heading = document.createElement('h2');
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  heading.textContent = `${errors} error${errors === 1 ? '' : 's'}, ${diagnostics.length - errors} warning${diagnostics.length - errors === 1 ? '' : 's'}`;
  panel.append(heading);
  const list = document.createElement('ol');
  for (const diagnostic of diagnostics) {
    const item = document.createElement('li');
    item.className = `proof-diagnostic ${diagnostic.severity}`;
    const button = document.createElement('button');
    button.type = 'button';
    const where = diagnostic.file
      ? `${diagnostic.file}:${diagnostic.line ?? 1}:${diagnostic.column ?? 1}`
      : diagnostic.page !== undefined
        ? `page ${diagnostic.page}${diagnostic.pageColumn ? `, column ${diagnostic.pageColumn}` : ''}`
        : diagnostic.rule;
    const place = document.createElement('code');
    place.textContent = where;
    button.append(place, ` ${diagnostic.message}`);
    button.addEventListener('click', () => reveal(diagnostic));
    item.append(button);
    list.append(item);
  }
  panel.append(list);
  return panel;
}

/** The element a diagnostic is about: the photo, the frame, or the block the manuscript line belongs to. */
export function targetOf(diagnostic: Diagnostic): Element | null {
  if (diagnostic.photo) {
    // The shown photo's URL carries its file's version (?v=…); the diagnostic names the file.
    const image = Array.from(document.querySelectorAll('figure.photo img')).find((img) => (img.getAttribute('src') ?? '').split('?')[0] === diagnostic.photo);
    if (image) return image.closest('figure');
  }
  if (diagnostic.page !== undefined) {
    const sheet = document.querySelector(`.sheet[data-page="${diagnostic.page}"]`);
    // A news hole is shown by its marker (the O aid), a leg's problem by its frame.
    const place = diagnostic.rule === 'layout:news-hole' ? '.proof-news-hole' : '.frame';
    const frame = diagnostic.pageColumn ? sheet?.querySelector(`${place}[data-column="${diagnostic.pageColumn - 1}"]`) : null;
    return frame ?? sheet ?? null;
  }
  if (diagnostic.line !== undefined) {
    const line = diagnostic.line;
    let best: Element | null = null;
    let bestLine = -1;
    for (const block of Array.from(document.querySelectorAll('[data-line]'))) {
      const start = Number(block.getAttribute('data-line'));
      if (start <= line && start > bestLine) {
        best = block;
        bestLine = start;
      }
    }
    return best ?? document.querySelector('.headline-module');
  }
  return null;
}

function reveal(diagnostic: Diagnostic): void {
  const target = targetOf(diagnostic);
  if (!target) return;
  target.scrollIntoView({ block: 'center', inline: 'center' });
  target.classList.remove('proof-flash');
  void (target instanceof HTMLElement ? target.offsetWidth : 0);
  target.classList.add('proof-flash');
}
