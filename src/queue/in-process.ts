// The default runner: pages set in this process's Chromium, as many at once as the machine has cores (and memory
// for), each lane's page kept open for the next page of the same head. No server to start.
import { launchBrowser, type PressBrowser } from '../render/browser.ts';
import { pageRack } from '../render/page-rack.ts';
import type { ResolvedProject } from '../project/resolve.ts';
import { setJob } from './set-job.ts';
import type { PageRunner } from './runner.ts';

/** `atOnce`: pages set side by side (the edition's share of cores and memory). */
export async function inProcessRunner(options: { project: Pick<ResolvedProject, 'chromium' | 'timeouts'>; atOnce: number; press?: PressBrowser }): Promise<PageRunner> {
  const { atOnce } = options;
  const press = options.press ?? (await launchBrowser({ project: options.project }));
  const rack = press.rack ?? pageRack({ keep: atOnce });
  return {
    atOnce,
    async run(job, inputs, hooks, signal) {
      const outcome = await setJob(job, { files: inputs.roots, profile: inputs.profile }, { press, rack, worker: 'in-process' }, hooks, signal);
      hooks.done?.(outcome.worker, false);
      return outcome;
    },
    async close() {
      if (rack !== press.rack) await rack.close();
      if (!options.press) await press.close();
    },
  };
}
