// Proof tools: the press views of the build on show (newsprint soft proof, ink over the limit), made on first ask
// by the server from the page's press copy, then laid over each sheet like the written proof's.
import { pressViewCss, pressViewImages } from '../../output/press-view-html.ts';
import { post } from './state.ts';

interface ViewPage {
  readonly page: number;
  readonly softProof: string;
  readonly ink: string;
  readonly maxInk: number;
}

let loaded: number | undefined;
let loading: Promise<string> | undefined;

/** Loads the views of `build` into the sheets once; resolves to a line for the status bar. */
export function showPressViews(build: number): Promise<string> {
  if (loaded === build && loading) return loading;
  loaded = build;
  loading = (async () => {
    const { ok, value } = await post('/_proof/press-views', { build });
    if (!ok || typeof value !== 'object' || value === null || !('pages' in value) || !Array.isArray(value.pages)) {
      loaded = undefined;
      return `press views: ${typeof value === 'object' && value !== null && 'error' in value ? String(value.error) : 'not made'}`;
    }
    const bleed = 'bleed' in value && typeof value.bleed === 'number' ? value.bleed : 0;
    if (!document.getElementById('press-view-css')) {
      const style = document.createElement('style');
      style.id = 'press-view-css';
      style.textContent = pressViewCss;
      document.head.append(style);
    }
    const pages = value.pages as ViewPage[];
    // The n-th sheet is the PDF's n-th page (a sheet's data-page is its folio's number).
    const sheets = document.querySelectorAll('.sheet');
    for (const page of pages) {
      const sheet = sheets[page.page - 1];
      if (!sheet || sheet.querySelector('.press-view')) continue;
      sheet.insertAdjacentHTML('afterbegin', pressViewImages({ softProof: page.softProof, ink: page.ink }, page, bleed));
    }
    const most = Math.max(0, ...pages.map((page) => page.maxInk));
    const preflight = 'preflight' in value && typeof value.preflight === 'object' && value.preflight !== null && 'ok' in value.preflight ? value.preflight.ok : true;
    return `press copy: most ink ${most} %, preflight ${preflight ? 'passes' : 'fails (see Print PDF)'}`;
  })();
  return loading;
}
