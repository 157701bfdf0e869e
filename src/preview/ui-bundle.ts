// The proof tools that run in the reader's browser, as one script.
import { browserBundle } from '../render/browser-bundle.ts';

export const proofToolsScript = (): Promise<string> => browserBundle('proof-tools', new URL('./ui/main.ts', import.meta.url));
