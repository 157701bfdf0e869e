// The layout engine as one script for the page: the engine is code of the layout stage that runs in Chromium.
import { browserBundle } from './browser-bundle.ts';

export const layoutEngineScript = (): Promise<string> => browserBundle('layout-engine', new URL('../layout/engine/main.ts', import.meta.url));
