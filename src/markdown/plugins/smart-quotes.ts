// Turns typewriter quotes into the language's printed quotes ("word" → “word”, it's → it’s), across inline elements
// of one block; code is left as it was written.
import type { Element, Root, Text } from 'hast';
import { visitParents } from 'unist-util-visit-parents';

export interface QuoteMarks {
  readonly open: string;
  readonly close: string;
  readonly openSingle: string;
  readonly closeSingle: string;
}

const english: QuoteMarks = { open: '“', close: '”', openSingle: '‘', closeSingle: '’' };
const marksByLanguage: Record<string, QuoteMarks> = {
  de: { open: '„', close: '“', openSingle: '‚', closeSingle: '‘' },
  fr: { open: '«\u202f', close: '\u202f»', openSingle: '‹\u202f', closeSingle: '\u202f›' },
  ja: { open: '「', close: '」', openSingle: '『', closeSingle: '』' },
  'zh-TW': { open: '「', close: '」', openSingle: '『', closeSingle: '』' },
  'zh-HK': { open: '「', close: '」', openSingle: '『', closeSingle: '』' },
};

export function quoteMarksFor(lang: string): QuoteMarks {
  const [primary = ''] = lang.split('-');
  return marksByLanguage[lang] ?? marksByLanguage[primary] ?? english;
}

const untouched = new Set(['code', 'pre', 'kbd', 'samp', 'script', 'style']);
const blocks = new Set(['p', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'figcaption', 'td', 'th', 'dt', 'dd']);

export function smartQuotes(tree: Root, options: { lang: string }): void {
  const marks = quoteMarksFor(options.lang);
  let block: Element | Root | undefined;
  let before = '';
  // Quotes open in this block and not yet closed: between two CJK characters only the count can tell.
  let openDouble = 0;
  let openSingle = 0;
  visitParents(tree, 'text', (node: Text, ancestors) => {
    const elements = ancestors.filter((ancestor): ancestor is Element => ancestor.type === 'element');
    if (elements.some((element) => untouched.has(element.tagName))) return;
    // The context (the character before a quote) runs across inline elements, and starts afresh in each block.
    const owner = [...elements].reverse().find((element) => blocks.has(element.tagName)) ?? tree;
    if (owner !== block) {
      block = owner;
      before = '';
      openDouble = 0;
      openSingle = 0;
    }
    let out = '';
    const value = node.value;
    for (let index = 0; index < value.length; index++) {
      const char = value[index] ?? '';
      const next = value[index + 1] ?? '';
      const previous = out.at(-1) ?? before;
      if (char === '"') {
        const open = decide(previous, openDouble);
        openDouble += open ? 1 : -1;
        out += open ? marks.open : marks.close;
      } else if (char === "'") {
        if (apostrophe(previous, next)) {
          out += '’';
          continue;
        }
        const open = decide(previous, openSingle);
        openSingle += open ? 1 : -1;
        out += open ? marks.openSingle : marks.closeSingle;
      } else {
        out += char;
      }
    }
    node.value = out;
    before = out.at(-1) ?? before;
  });
}

/** Opens after a space or an opening mark, closes after a Latin letter or a stop; after a CJK character, closes what is open. */
function decide(previous: string, open: number): boolean {
  if (opens(previous)) return true;
  if (/\p{Script=Han}|[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(previous)) return open <= 0;
  return false;
}

/** A quote opens after nothing, a space, an opening bracket or dash, or another opening quote. */
function opens(previous: string): boolean {
  return previous === '' || /[\s([{\u2014\u2013\-“‘«„‚（【《「『]/u.test(previous);
}

/** it's, rock 'n' roll, the '90s: an apostrophe, not a quote. */
function apostrophe(previous: string, next: string): boolean {
  if (/[\p{L}\p{N}]/u.test(previous) && /[\p{L}]/u.test(next)) return true;
  if (/[\p{L}\p{N}.]/u.test(previous) && !/[\p{L}\p{N}]/u.test(next)) return /s$/u.test(previous) ? true : false;
  return (previous === '' || /\s/u.test(previous)) && /\p{N}/u.test(next);
}

export default function rehypeSmartQuotes(options: { lang: string }) {
  return (tree: Root) => smartQuotes(tree, options);
}
