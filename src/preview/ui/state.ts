// Proof tools: what the server says about the build on show.
import type { Diagnostic } from '../../errors/diagnostic.ts';
import type { LayoutReport } from '../../layout/report.ts';

export interface ShownState {
  readonly id: number;
  readonly builtAt: string;
  readonly title: string;
  readonly diagnostics: readonly Diagnostic[];
  readonly layout: LayoutReport | null;
  readonly proofed: { readonly at: string; readonly text: string } | null;
}

export async function fetchState(): Promise<ShownState> {
  const response = await fetch('/_proof/state', { cache: 'no-store' });
  const value: unknown = await response.json();
  if (!isShownState(value)) throw new Error('the proof server sent no state');
  return value;
}

function isShownState(value: unknown): value is ShownState {
  return (
    typeof value === 'object' &&
    value !== null &&
    'id' in value &&
    typeof value.id === 'number' &&
    'diagnostics' in value &&
    Array.isArray(value.diagnostics) &&
    'layout' in value &&
    'proofed' in value
  );
}

export async function post(path: string, body: unknown): Promise<{ ok: boolean; value: unknown }> {
  const response = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { ok: response.ok, value: await response.json().catch(() => null) };
}
