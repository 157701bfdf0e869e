// Proof tools: the reload channel. A new build replaces the page in place (fonts and photos stay loaded), where the reader was reading.
const scrollKey = 'broadsheet-proof-scroll';

/** Only a page proof takes the saved position: an error page in between must not use it up. */
const showsPage = () => document.querySelector('.sheet') !== null;

export function restoreScroll(): void {
  if (!showsPage()) return;
  const saved = sessionStorage.getItem(scrollKey);
  if (!saved) return;
  sessionStorage.removeItem(scrollKey);
  const [x = 0, y = 0] = saved.split(',').map(Number);
  window.scrollTo(x, y);
}

function reloadKeepingPlace(): void {
  if (showsPage()) sessionStorage.setItem(scrollKey, `${window.scrollX},${window.scrollY}`);
  location.reload();
}

/** The head as it matters for the page: stylesheets and fonts, not the title or which build the tools say. */
const headKey = (head: HTMLHeadElement): string =>
  Array.from(head.children)
    .filter((element) => element.tagName !== 'TITLE' && element.tagName !== 'SCRIPT')
    .map((element) => element.outerHTML)
    .join('');

/** Fetches the new proof and swaps its body in; false when the styles changed and only a full reload will do. */
async function swapIn(): Promise<number | null> {
  const response = await fetch('/', { cache: 'no-store' });
  const fresh = new DOMParser().parseFromString(await response.text(), 'text/html');
  const build = Number(fresh.querySelector('script[data-build]')?.getAttribute('data-build'));
  const bothPages = showsPage() && fresh.querySelector('.sheet') !== null;
  if (!Number.isFinite(build) || !bothPages || headKey(fresh.head) !== headKey(document.head)) return null;
  const { scrollX, scrollY } = window;
  document.title = fresh.title;
  document.body.replaceWith(document.importNode(fresh.body, true));
  document.querySelector('script[data-build]')?.setAttribute('data-build', String(build));
  window.scrollTo(scrollX, scrollY);
  return build;
}

export function followBuilds(shown: () => number, onStatus: (text: string) => void, onSwapped: (build: number) => Promise<void>): void {
  let delay = 250;
  let busy = false;
  const connect = () => {
    const socket = new WebSocket(`ws://${location.host}/_proof/live`);
    socket.addEventListener('open', () => {
      delay = 250;
      onStatus('live');
    });
    socket.addEventListener('message', (event) => {
      const message: unknown = JSON.parse(String(event.data));
      const build = typeof message === 'object' && message !== null && 'build' in message ? Number(message.build) : NaN;
      const full = typeof message === 'object' && message !== null && 'full' in message && message.full === true;
      if (!Number.isFinite(build) || build === shown() || busy) return;
      // Photos, styles or templates changed: the page's loaded files are stale, so only a reload shows the new ones.
      if (full) return reloadKeepingPlace();
      busy = true;
      void swapIn()
        .then(async (swapped) => {
          if (swapped === null) reloadKeepingPlace();
          else await onSwapped(swapped);
        })
        .catch(() => reloadKeepingPlace())
        .finally(() => {
          busy = false;
        });
    });
    socket.addEventListener('close', () => {
      onStatus('reconnecting…');
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 4000);
    });
  };
  connect();
}
