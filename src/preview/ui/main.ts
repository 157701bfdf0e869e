// Proof tools, in the reader's browser: a toolbar of aids with keys, the diagnostics panel, "proofed" marks, printing, live reload.
import { drawAids } from './aids.ts';
import { markChanges, proofText } from './changes.ts';
import { followBuilds, restoreScroll } from './live.ts';
import { diagnosticsPanel } from './panel.ts';
import { showPressViews } from './press-views.ts';
import { fetchState, post } from './state.ts';

interface Aid {
  readonly key: string;
  readonly name: string;
  readonly className: string;
}

const aids: readonly Aid[] = [
  { key: 'g', name: 'Baseline grid', className: 'aid-grid' },
  { key: 'f', name: 'Frames', className: 'aid-frames' },
  { key: 'p', name: 'Photos', className: 'aid-photos' },
  { key: 'o', name: 'Overset', className: 'aid-fit' },
  { key: 'c', name: 'Changes', className: 'aid-changes' },
  { key: 'd', name: 'Diagnostics', className: 'aid-panel' },
  { key: 's', name: 'Soft proof', className: 'aid-soft-proof' },
  { key: 'i', name: 'Ink', className: 'aid-ink' },
];

/** Aids drawn from the press copy, which the server makes on first ask (a few seconds). */
const pressAids = new Set(['aid-soft-proof', 'aid-ink']);

const storedAids = 'broadsheet-proof-aids';

let shownBuild = Number((document.currentScript ?? document.querySelector('script[data-build]'))?.getAttribute('data-build') ?? 0);
let setStatus: (text: string) => void = () => undefined;
let removeKeys: () => void = () => undefined;

/** Attaches the tools to the proof on show; runs again after each in-place update. */
async function mount(): Promise<void> {
  const state = await fetchState();
  const root = document.documentElement;
  root.classList.add('proof');

  if (state.layout) drawAids(state.layout);
  const changes = state.proofed && state.layout ? markChanges(state.proofed.text) : null;

  const bar = document.createElement('nav');
  bar.className = 'proof-toolbar';
  bar.setAttribute('aria-label', 'Proof tools');
  const status = document.createElement('span');
  status.className = 'proof-status';
  const errors = state.diagnostics.filter((d) => d.severity === 'error').length;
  const summary = `build ${state.id} · ${errors} error${errors === 1 ? '' : 's'}, ${state.diagnostics.length - errors} warnings`;
  status.textContent = summary;

  const active = new Set((sessionStorage.getItem(storedAids) ?? 'aid-panel').split(' ').filter(Boolean));
  for (const aid of aids) {
    const button = document.createElement('button');
    button.type = 'button';
    button.dataset['aid'] = aid.className;
    button.title = `${aid.name} (key ${aid.key.toUpperCase()})`;
    const key = document.createElement('kbd');
    key.textContent = aid.key.toUpperCase();
    button.append(key, ` ${aid.name}`);
    if (aid.className === 'aid-changes' && changes) button.append(` (+${changes.inserted} −${changes.deleted})`);
    button.addEventListener('click', () => toggle(aid.className));
    bar.append(button);
  }
  const proofed = document.createElement('button');
  proofed.type = 'button';
  proofed.className = 'proof-action';
  proofed.textContent = state.proofed ? `Mark proofed (last ${new Date(state.proofed.at).toLocaleString()})` : 'Mark proofed';
  proofed.disabled = !state.layout;
  proofed.addEventListener('click', () => {
    void post('/_proof/proofed', { text: proofText().text }).then(({ ok }) => {
      proofed.textContent = ok ? 'Proofed ✓ (later changes will be marked)' : 'Could not mark as proofed';
    });
  });
  const print = document.createElement('button');
  print.type = 'button';
  print.className = 'proof-action';
  print.textContent = 'Print PDF';
  print.disabled = !state.layout;
  print.addEventListener('click', () => {
    print.disabled = true;
    print.textContent = 'Printing…';
    void post('/_proof/print', { build: shownBuild }).then(({ ok, value }) => {
      const pdf = typeof value === 'object' && value !== null && 'pdf' in value ? String(value.pdf) : '';
      const error = typeof value === 'object' && value !== null && 'error' in value ? String(value.error) : 'failed';
      print.textContent = ok ? `Printed: ${pdf}` : `Not printed: ${error}`;
      print.disabled = false;
    });
  });
  bar.append(proofed, print, status);
  document.body.prepend(bar);
  document.body.append(diagnosticsPanel(state.diagnostics));

  const apply = () => {
    for (const aid of aids) {
      root.classList.toggle(aid.className, active.has(aid.className));
      bar.querySelector(`[data-aid="${aid.className}"]`)?.setAttribute('aria-pressed', String(active.has(aid.className)));
    }
    sessionStorage.setItem(storedAids, [...active].join(' '));
    if (state.layout && [...active].some((name) => pressAids.has(name))) {
      setStatus('making the press copy…');
      void showPressViews(state.id).then((line) => setStatus(line));
    }
  };
  const toggle = (className: string) => {
    if (active.has(className)) active.delete(className);
    else active.add(className);
    apply();
  };
  const onKey = (event: KeyboardEvent) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const aid = aids.find((candidate) => candidate.key === event.key.toLowerCase());
    if (aid) toggle(aid.className);
  };
  removeKeys();
  document.addEventListener('keydown', onKey);
  removeKeys = () => document.removeEventListener('keydown', onKey);
  setStatus = (text) => (status.textContent = `${summary} · ${text}`);
  setStatus('live');
  apply();
}

const report = (error: unknown) => console.error(`proof tools: ${error instanceof Error ? error.message : String(error)}`);

mount()
  .then(() => {
    restoreScroll();
    followBuilds(
      () => shownBuild,
      (text) => setStatus(text),
      async (build) => {
        shownBuild = build;
        await mount();
      },
    );
  })
  .catch(report);
