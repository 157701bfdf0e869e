// Formats manuscript diagnostics as `file:line:column: reason [rule]`, the form editors jump to.
import { relative } from 'node:path';
import type { VFileMessage } from 'vfile-message';
import type { Diagnostic } from '../errors/diagnostic.ts';

export function formatMessages(messages: readonly VFileMessage[]): string[] {
  return messages.map((message) => {
    const where = `${message.file}:${message.line ?? 1}:${message.column ?? 1}`;
    // fatal true: an error; false: a warning; unset: a note (vfile's info()).
    const kind = message.fatal ? 'error' : message.fatal === false ? 'warning' : 'note';
    const rule = message.source && message.ruleId ? ` [${message.source}:${message.ruleId}]` : '';
    return `${where}: ${kind}: ${message.reason}${rule}`;
  });
}

/** The messages as structured diagnostics, with paths relative to the manuscript folder. */
export function toDiagnostics(messages: readonly VFileMessage[], dir: string): Diagnostic[] {
  return messages.map((message) => ({
    severity: message.fatal ? 'error' : message.fatal === false ? 'warning' : 'info',
    message: message.reason,
    rule: `${message.source ?? 'manuscript'}:${message.ruleId ?? 'problem'}`,
    file: message.file ? relative(dir, message.file) || message.file : 'article.md',
    line: message.line ?? 1,
    column: message.column ?? 1,
  }));
}
