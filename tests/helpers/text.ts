// Text comparisons the way a reader checks a page: Chinese characters in order, whitespace ignored.
import type { Nodes as HastNodes } from 'hast';

const hanCharacter = /\p{Script=Han}/gu;

/** Only the Han characters of `text`, in order: punctuation, digits, Latin and spacing dropped. */
export function hanOf(text: string): string {
  return (text.match(hanCharacter) ?? []).join('');
}

/** `text` without any whitespace: pdftotext puts spaces and line breaks where the layout broke lines. */
export function withoutWhitespace(text: string): string {
  return text.replace(/\s+/gu, '');
}

/** `haystack` with the first occurrence of `needle` cut out, or undefined when it is not there. */
export function cutOnce(haystack: string, needle: string): string | undefined {
  const at = haystack.indexOf(needle);
  return at < 0 ? undefined : haystack.slice(0, at) + haystack.slice(at + needle.length);
}

/** Where two strings first differ, with some context either side, for readable failure messages. */
export function firstDifference(expected: string, actual: string, context = 12): string | undefined {
  let index = 0;
  while (index < expected.length && index < actual.length && expected[index] === actual[index]) index++;
  if (index === expected.length && index === actual.length) return undefined;
  const around = (text: string) => text.slice(Math.max(0, index - context), index + context);
  return `at character ${index}: expected …${around(expected)}… but the PDF has …${around(actual)}…`;
}

/** The words of an HTML (hast) node, as a reader would see them. */
export function textOf(node: HastNodes): string {
  if (node.type === 'text') return node.value;
  return 'children' in node ? node.children.map((child) => textOf(child)).join('') : '';
}
