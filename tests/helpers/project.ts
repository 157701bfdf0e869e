// The project as the command line resolves it in Broadsheet's own folder: its defaults, no house config.
import { resolveProject, type ResolvedProject, type ResolveOptions } from '../../src/project/resolve.ts';
import { layoutProjectRoot } from './layout-files.ts';

let shared: Promise<ResolvedProject> | undefined;

/** Broadsheet's defaults, resolved once per test file; `options` resolves another (an archive folder, a house config). */
export function testProject(options: Partial<ResolveOptions> = {}): Promise<ResolvedProject> {
  if (Object.keys(options).length > 0) return resolveProject({ cwd: layoutProjectRoot, env: process.env, ...options });
  shared ??= resolveProject({ cwd: layoutProjectRoot, env: process.env });
  return shared;
}
