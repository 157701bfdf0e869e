// Makes a proof page self-contained for the archive: styles inlined, and the fonts and photos it used inlined as data: URLs.
import { readFile } from 'node:fs/promises';
import { dirname, posix } from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import { selectAll } from 'hast-util-select';
import { toHtml } from 'hast-util-to-html';
import type { Element, Root } from 'hast';
import { CONTINUE, EXIT, visit } from 'unist-util-visit';

const mimeOf = (path: string): string =>
  path.endsWith('.woff2') ? 'font/woff2' : path.endsWith('.woff') ? 'font/woff' : path.endsWith('.png') ? 'image/png' : path.endsWith('.css') ? 'text/css' : 'image/jpeg';

/** `files` maps the URL paths the page loaded to the files on disk: nothing else is inlined, nothing else is needed. */
export async function selfContained(proofHtml: string, files: ReadonlyMap<string, string>): Promise<string> {
  const tree = fromHtml(proofHtml);
  const dataUrl = async (urlPath: string): Promise<string | undefined> => {
    const path = files.get(urlPath);
    return path ? `data:${mimeOf(urlPath)};base64,${(await readFile(path)).toString('base64')}` : undefined;
  };
  for (const link of selectAll('link[rel~=stylesheet]', tree)) {
    const href = String(link.properties['href'] ?? '');
    const path = files.get(href);
    const css = path ? await inlineFonts(await readFile(path, 'utf8'), href, dataUrl) : '';
    replaceWith(tree, link, { type: 'element', tagName: 'style', properties: { dataFrom: href }, children: [{ type: 'text', value: css }] });
  }
  for (const image of selectAll('img[src]', tree)) {
    const inlined = await dataUrl(String(image.properties['src']));
    if (inlined) image.properties['src'] = inlined;
  }
  return '<!doctype html>\n' + toHtml(tree);
}

/** Keeps only the @font-face rules whose files the page loaded, with those files inlined. */
async function inlineFonts(css: string, href: string, dataUrl: (urlPath: string) => Promise<string | undefined>): Promise<string> {
  const base = dirname(href);
  const rules = css.match(/@font-face\s*\{[^}]*\}/g) ?? [];
  let result = css.replace(/@font-face\s*\{[^}]*\}/g, '');
  for (const rule of rules) {
    const url = /url\(([^)]+\.woff2)\)/.exec(rule)?.[1]?.replace(/^['"]|['"]$/g, '');
    if (!url) continue;
    const inlined = await dataUrl(posix.normalize(posix.join(base, url)));
    if (inlined) result += rule.replace(/src:[^;]*;/, `src: url(${inlined}) format('woff2');`) + '\n';
  }
  return result;
}

function replaceWith(tree: Root, target: Element, replacement: Element): void {
  visit(tree, 'element', (node, index, parent) => {
    if (node !== target || !parent || index === undefined) return CONTINUE;
    parent.children[index] = replacement;
    return EXIT;
  });
}
