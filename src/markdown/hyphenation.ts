// Liang hyphenation patterns from the `hyphen` package, chosen by the article's language (Chromium here ships none).
import { createRequire } from 'node:module';

export type Hyphenator = (text: string) => string;

const require = createRequire(import.meta.url);

const patternModules: Record<string, string> = {
  'en-GB': 'hyphen/en-gb',
  en: 'hyphen/en-us',
  de: 'hyphen/de-1996',
  fr: 'hyphen/fr',
  es: 'hyphen/es',
  it: 'hyphen/it',
  nl: 'hyphen/nl',
  pt: 'hyphen/pt',
};

/** A function inserting soft hyphens (U+00AD) for the language, or undefined for languages set without hyphens (Chinese, Japanese…). */
export function hyphenatorFor(lang: string): Hyphenator | undefined {
  const [primary = '', region = ''] = lang.split('-');
  const name = patternModules[`${primary}-${region.toUpperCase()}`] ?? patternModules[primary];
  if (!name) return undefined;
  const contract: unknown = require(name);
  const hyphenate = typeof contract === 'object' && contract !== null && 'hyphenateSync' in contract ? contract.hyphenateSync : undefined;
  if (typeof hyphenate !== 'function') return undefined;
  return (text: string) => {
    const result: unknown = hyphenate(text, { hyphenChar: '\u00ad', minWordLength: 6 });
    return typeof result === 'string' ? result : text;
  };
}
