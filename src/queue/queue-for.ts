// The runner a job queue address asks for: BullMQ (loaded only then) for --queue or the house's `queue:`, or none, and
// the edition's pages are set in this process.
import type { ResolvedProject } from '../project/resolve.ts';
import type { PageRunner } from './runner.ts';

/** `queue`: an address, false for none (this machine, whatever the house says), undefined for the house's. */
export async function queueRunnerFor(project: Pick<ResolvedProject, 'queue'>, queue: string | false | undefined, warn: (line: string) => void = () => undefined): Promise<((pages: number) => Promise<PageRunner>) | undefined> {
  const url = queue === false ? undefined : (queue ?? project.queue);
  if (!url) return undefined;
  const [{ queueAddress }, { queueRunner }] = await Promise.all([import('./connection.ts'), import('./queue-runner.ts')]);
  const address = queueAddress(url);
  return (pages) => queueRunner({ address, pages, warn });
}
