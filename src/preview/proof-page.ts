// The page the proof server shows: the laid-out proof with the proof tools attached, or the build's errors in place of the page.
import { fromHtml } from 'hast-util-from-html';
import { select, selectAll } from 'hast-util-select';
import { h } from 'hastscript';
import { toHtml } from 'hast-util-to-html';
import type { Element } from 'hast';
import type { ProofState } from './session.ts';

/**
 * The proof as the reader's browser shows it. `versionOf` gives each photo's version (its file's time and size): the
 * photo's URL carries it, so a photo saved again under its name shows anew when the page takes the new body in,
 * and one unchanged comes from the browser's cache.
 */
export function proofPage(state: ProofState, versionOf: (src: string) => string | undefined = () => undefined): string {
  const tools: Element[] = [
    h('link', { rel: 'stylesheet', href: '/_proof/proof.css' }),
    h('script', { src: '/_proof/ui.js', defer: true, dataBuild: String(state.id) }),
  ];
  if (state.proofHtml !== null) {
    const tree = fromHtml(state.proofHtml);
    for (const image of selectAll('img', tree)) {
      const src = image.properties['src'];
      const version = typeof src === 'string' && !src.startsWith('data:') ? versionOf(src) : undefined;
      if (typeof src === 'string' && version) image.properties['src'] = `${src}${src.includes('?') ? '&' : '?'}v=${version}`;
    }
    const head = select('head', tree);
    if (head) head.children.push(...tools);
    return toHtml(tree);
  }
  const tree = h('html', { lang: 'en' }, [
    h('head', [h('meta', { charset: 'utf-8' }), h('title', `✗ ${state.title} — proof`), ...tools]),
    h('body', { className: ['proof-failed'] }, [
      h('main', { className: ['proof-error'] }, [
        h('h1', 'This proof cannot be set'),
        h('p', `Build ${state.id} of ${state.title} stopped. Fix the problems below and save; the proof comes back by itself.`),
        h(
          'ol',
          state.diagnostics.map((diagnostic) =>
            h('li', { className: [diagnostic.severity] }, [
              h('code', diagnostic.file ? `${diagnostic.file}:${diagnostic.line ?? 1}:${diagnostic.column ?? 1}` : diagnostic.rule),
              ` ${diagnostic.severity}: ${diagnostic.message}`,
            ]),
          ),
        ),
      ]),
    ]),
  ]);
  return '<!doctype html>\n' + toHtml(tree);
}
