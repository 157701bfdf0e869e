// Watches the manuscript folder, templates and styles, and calls back once per burst of saves.
import { watch, type FSWatcher } from 'node:fs';

export function watchFolders(folders: readonly string[], onChange: (path: string) => void, settleMs = 120): () => void {
  let timer: NodeJS.Timeout | undefined;
  let last = '';
  const watchers: FSWatcher[] = folders.map((folder) =>
    watch(folder, { recursive: true }, (_event, name) => {
      last = `${folder}/${name ?? ''}`;
      clearTimeout(timer);
      timer = setTimeout(() => onChange(last), settleMs);
    }),
  );
  return () => {
    clearTimeout(timer);
    for (const watcher of watchers) watcher.close();
  };
}
