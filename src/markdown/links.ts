// Which link targets may be printed: the web and mail only, plus places inside the article.

const printableSchemes = new Set(['http:', 'https:', 'mailto:']);

export function isPrintableLink(url: string): boolean {
  if (url.startsWith('#')) return true;
  try {
    return printableSchemes.has(new URL(url).protocol);
  } catch {
    return false; // relative paths and anything unparseable point at nothing on paper
  }
}
