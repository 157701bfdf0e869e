// The page the proof server shows: the laid-out proof with the proof tools attached, or the build's errors in place of the page.
import { fromHtml } from 'hast-util-from-html';
import { select, selectAll } from 'hast-util-select';
import { h } from 'hastscript';
import { toHtml } from 'hast-util-to-html';
import type { Element } from 'hast';
import type { ProofState } from './session.ts';

/**
 * The proof as the reader's browser shows it. `versionOf` gives each photo's and stylesheet's version (its file's
 * time and size): its URL carries it, so a photo or style saved again under its name shows anew when the page takes
 * the new build in, and one unchanged comes from the browser's cache.
 */
export function proofPage(state: ProofState, versionOf: (src: string) => string | undefined = () => undefined): string {
  const tools: Element[] = [
    h('link', { rel: 'stylesheet', href: '/_proof/proof.css' }),
    h('script', { src: '/_proof/ui.js', defer: true, dataBuild: String(state.id) }),
  ];
  if (state.proofHtml !== null) {
    const tree = fromHtml(state.proofHtml);
    const versioned = (url: unknown): string | undefined => {
      const version = typeof url === 'string' && !url.startsWith('data:') ? versionOf(url) : undefined;
      return typeof url === 'string' && version ? `${url}${url.includes('?') ? '&' : '?'}v=${version}` : undefined;
    };
    for (const image of selectAll('img', tree)) image.properties['src'] = versioned(image.properties['src']) ?? image.properties['src'];
    // Stylesheets too: a style saved again comes in under its new version, and the page takes it without a reload.
    for (const link of selectAll('link[rel~="stylesheet"]', tree)) link.properties['href'] = versioned(link.properties['href']) ?? link.properties['href'];
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
