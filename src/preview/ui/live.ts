// Proof tools: the reload channel. A new build reloads the proof where the reader was reading.
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

export function followBuilds(shownBuild: number, onStatus: (text: string) => void): void {
  let delay = 250;
  const connect = () => {
    const socket = new WebSocket(`ws://${location.host}/_proof/live`);
    socket.addEventListener('open', () => {
      delay = 250;
      onStatus('live');
    });
    socket.addEventListener('message', (event) => {
      const message: unknown = JSON.parse(String(event.data));
      const build = typeof message === 'object' && message !== null && 'build' in message ? Number(message.build) : NaN;
      if (Number.isFinite(build) && build !== shownBuild) {
        if (showsPage()) sessionStorage.setItem(scrollKey, `${window.scrollX},${window.scrollY}`);
        location.reload();
      }
    });
    socket.addEventListener('close', () => {
      onStatus('reconnecting…');
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 4000);
    });
  };
  connect();
}
