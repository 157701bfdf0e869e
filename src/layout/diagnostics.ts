// Layout problems as diagnostics with their place on the page.
import type { Diagnostic } from '../errors/diagnostic.ts';
import type { LayoutReport } from './report.ts';

export function layoutDiagnostics(report: LayoutReport): Diagnostic[] {
  return report.problems.map((problem) => ({
    severity: problem.severity,
    message: problem.message,
    rule: `layout:${problem.rule}`,
    ...(problem.page === undefined ? {} : { page: problem.page }),
    ...(problem.column === undefined ? {} : { pageColumn: problem.column }),
    ...(problem.photo === undefined ? {} : { photo: problem.photo }),
  }));
}
