// The words of jump lines, in the story's own language (a continuation takes its story's language, not the page's).

export function jumpText(direction: 'in' | 'out', page: number, lang: string): string {
  if (/^zh\b/i.test(lang)) return direction === 'out' ? `（下转第${page}版）` : `（上接第${page}版）`;
  if (/^ja\b/i.test(lang)) return direction === 'out' ? `（${page}面に続く）` : `（${page}面から続く）`;
  return direction === 'out' ? `Continued on page ${page}` : `Continued from page ${page}`;
}
