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

/** A file's URL without the version the proof server gives it (?v=…). */
const unversioned = (url: string): string => url.replace(/[?&]v=[0-9a-z]+$/, '');

/** The head as it matters for the page: stylesheets and fonts (not their versions), not the title or which build the tools say. */
const headKey = (head: HTMLHeadElement): string =>
  Array.from(head.children)
    .filter((element) => element.tagName !== 'TITLE' && element.tagName !== 'SCRIPT')
    .map((element) => {
      if (!(element instanceof HTMLLinkElement)) return element.outerHTML;
      const bare = element.cloneNode() as HTMLLinkElement;
      bare.setAttribute('href', unversioned(element.getAttribute('href') ?? ''));
      return bare.outerHTML;
    })
    .join('');

/** Takes in each stylesheet saved since (a new version of its URL), the old one removed once the new one applies. */
async function restyle(fresh: HTMLHeadElement): Promise<void> {
  const wanted = new Map(Array.from(fresh.querySelectorAll<HTMLLinkElement>('link[rel~="stylesheet"]')).map((link) => [unversioned(link.getAttribute('href') ?? ''), link.getAttribute('href') ?? '']));
  await Promise.all(
    Array.from(document.head.querySelectorAll<HTMLLinkElement>('link[rel~="stylesheet"]')).map((link) => {
      const href = link.getAttribute('href') ?? '';
      const next = wanted.get(unversioned(href));
      if (!next || next === href) return Promise.resolve();
      return new Promise<void>((done) => {
        const again = link.cloneNode() as HTMLLinkElement;
        again.setAttribute('href', next);
        again.onload = again.onerror = () => {
          link.remove();
          done();
        };
        link.after(again);
      });
    }),
  );
}

/** Fetches the new proof and swaps its body (and any stylesheet saved since) in; null when the head changed otherwise and only a full reload will do. */
async function swapIn(): Promise<number | null> {
  const response = await fetch('/', { cache: 'no-store' });
  const fresh = new DOMParser().parseFromString(await response.text(), 'text/html');
  const build = Number(fresh.querySelector('script[data-build]')?.getAttribute('data-build'));
  const bothPages = showsPage() && fresh.querySelector('.sheet') !== null;
  if (!Number.isFinite(build) || !bothPages || headKey(fresh.head) !== headKey(document.head)) return null;
  await restyle(fresh.head);
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
      // A template changed (or what changed is not known): only a reload shows it.
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
