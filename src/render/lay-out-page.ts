// The layout stage: runs the layout engine inside the page and returns its report.
import type { Page } from 'puppeteer-core';
import { BroadsheetError } from '../errors/catalogue.ts';
import { layoutEngineScript } from './engine-script.ts';
import type { LayoutReport, LayoutRequest } from '../layout/report.ts';

export async function layOutPage(options: { page: Page; request: LayoutRequest; timeoutMs: number; signal?: AbortSignal }): Promise<LayoutReport> {
  const { page } = options;
  // Once a page: a page laid out again (a proof's edit, a warm press's next article) keeps the engine it loaded.
  const loaded = await page.evaluate(() => typeof window.broadsheetLayOut === 'function');
  if (!loaded) await page.addScriptTag({ content: await layoutEngineScript(), id: 'broadsheet-layout' });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new BroadsheetError('LayoutTimeout', `Layout took longer than ${options.timeoutMs / 1000} s.`)), options.timeoutMs);
  });
  try {
    return await Promise.race([
      page.evaluate((request) => {
        if (!window.broadsheetLayOut) throw new Error('the layout engine did not load');
        return window.broadsheetLayOut(request);
      }, options.request),
      timeout,
    ]);
  } catch (error) {
    if (error instanceof BroadsheetError) throw error;
    throw new BroadsheetError('LayoutFailed', `The layout engine stopped: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  } finally {
    clearTimeout(timer);
  }
}
