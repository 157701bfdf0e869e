// Finds which front matter field a YAML syntax error belongs to: the parser's own position often points past it.
import { parseDocument } from 'yaml';

export interface YamlBlame {
  /** 0-based line inside the YAML text. */
  readonly line: number;
  readonly field: string;
  readonly reason: string;
}

const topLevelKey = /^([A-Za-z_][\w-]*)\s*:/;

/** Parses each top-level field on its own; the first that fails on its own is the culprit. */
export function blameYamlError(yaml: string, firstLine = 1): YamlBlame | undefined {
  const lines = yaml.split('\n');
  const starts = lines.flatMap((text, index) => {
    const key = topLevelKey.exec(text)?.[1];
    return key ? [{ index, key }] : [];
  });
  const seen = new Map<string, number>();
  for (const [position, start] of starts.entries()) {
    const first = seen.get(start.key);
    if (first !== undefined) {
      return { line: start.index, field: start.key, reason: `field \`${start.key}\` is given twice (lines ${first + firstLine} and ${start.index + firstLine}); keep one` };
    }
    seen.set(start.key, start.index);
    const end = starts[position + 1]?.index ?? lines.length;
    const chunk = lines.slice(start.index, end).join('\n');
    const alone = parseDocument(chunk, { prettyErrors: false });
    const problem = alone.errors[0];
    if (problem) {
      return { line: start.index, field: start.key, reason: `field \`${start.key}\`: ${problem.message.split('\n')[0]}; check its quotes and brackets` };
    }
  }
  return undefined;
}
