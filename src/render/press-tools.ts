// The tools the press copies need, readied while Chromium starts (a process that is mostly waiting then): sharp
// (libvips, 0.1 s to load cold) is needed as soon as the page is laid out, to fit its photos; Ghostscript's
// WebAssembly, compiled once a process, when a page holds what Broadsheet's own PDF/X does not convert.
import { warmGhostscript } from '../pdf/ghostscript.ts';

export function readyPressTools(): void {
  void warmGhostscript().catch(() => undefined);
  // A sharp that cannot load is reported by the stage that needs it.
  void import('sharp').catch(() => undefined);
}
