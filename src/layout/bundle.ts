// The layout engine as one script for the page.
import { browserBundle } from '../render/browser-bundle.ts';

export const layoutEngineScript = (): Promise<string> => browserBundle(new URL('./engine/main.ts', import.meta.url));
