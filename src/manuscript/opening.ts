// How an article.md opens, checked before it is parsed: each way it can fail to start an article is its own problem,
// told apart (an empty file, only whitespace, a front matter opened and never closed), with the line at fault.

export interface OpeningProblem {
  readonly reason: string;
  readonly line: number;
  readonly rule: 'empty' | 'blank' | 'front-matter-unclosed';
}

const starter = 'start it with `---`, a line `headline: …`, `---`, and the text';

export function openingProblem(source: string, fileName: string): OpeningProblem | undefined {
  if (source.length === 0) return { reason: `${fileName} is empty (0 bytes): ${starter}`, line: 1, rule: 'empty' };
  const lines = source.split(/\r?\n/);
  if (source.trim() === '') {
    const count = source.endsWith('\n') ? lines.length - 1 : lines.length;
    return { reason: `${fileName} holds only whitespace (${count} line${count === 1 ? '' : 's'} of spaces, tabs or nothing): ${starter}`, line: 1, rule: 'blank' };
  }
  if (/^---[ \t]*$/.test(lines[0] ?? '') && !lines.slice(1).some((line) => /^(?:---|\.\.\.)[ \t]*$/.test(line))) {
    // The field lines run until the first line that is not `key: value`, an indented value or a list item.
    let last = 1;
    for (const [index, line] of lines.entries()) {
      if (index === 0) continue;
      if (/^[A-Za-z_][\w-]*\s*:|^\s+\S|^-\s/.test(line)) last = index + 1;
      else break;
    }
    return {
      reason: `the front matter opened by \`---\` on line 1 is never closed: add a line \`---\` after its last field (line ${last})`,
      line: 1,
      rule: 'front-matter-unclosed',
    };
  }
  return undefined;
}
