// The layout stage: runs the layout engine inside the page and returns its report.
import type { Page } from 'puppeteer';
import { BroadsheetError } from '../errors/catalogue.ts';
import { layoutEngineScript } from './bundle.ts';
import type { LayoutReport } from './report.ts';

export async function layOutPage(options: { page: Page; timeoutMs: number; signal?: AbortSignal }): Promise<LayoutReport> {
  const { page } = options;
  await page.addScriptTag({ content: await layoutEngineScript(), id: 'broadsheet-layout' });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new BroadsheetError('LayoutTimeout', `Layout took longer than ${options.timeoutMs / 1000} s.`)), options.timeoutMs);
  });
  try {
    return await Promise.race([page.evaluate(() => window.broadsheetLayout ?? Promise.reject(new Error('the layout engine did not start'))), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
