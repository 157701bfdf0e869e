// Formats manuscript diagnostics as `file:line:column: reason [rule]`, the form editors jump to.
import type { VFileMessage } from 'vfile-message';

export function formatMessages(messages: readonly VFileMessage[]): string[] {
  return messages.map((message) => {
    const where = `${message.file}:${message.line ?? 1}:${message.column ?? 1}`;
    const kind = message.fatal ? 'error' : 'warning';
    const rule = message.source && message.ruleId ? ` [${message.source}:${message.ruleId}]` : '';
    return `${where}: ${kind}: ${message.reason}${rule}`;
  });
}
