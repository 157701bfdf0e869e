// Watches the manuscript folder, templates and styles, and calls back once per burst of saves with every path saved.
import { watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';

export function watchFolders(folders: readonly string[], onChange: (paths: readonly string[]) => void, settleMs = 20): () => void {
  let timer: NodeJS.Timeout | undefined;
  let burst = new Set<string>();
  const watchers: FSWatcher[] = folders.map((folder) =>
    watch(folder, { recursive: true }, (_event, name) => {
      burst.add(join(folder, name ?? ''));
      clearTimeout(timer);
      timer = setTimeout(() => {
        const paths = [...burst];
        burst = new Set();
        onChange(paths);
      }, settleMs);
    }),
  );
  return () => {
    clearTimeout(timer);
    for (const watcher of watchers) watcher.close();
  };
}
