// `broadsheet init [DIR]`: a starter house folder a newsroom makes its own: the config with its paper, an A3 grid and a
// font file, a house stylesheet, a copy of the template to edit, and one manuscript to build. Nothing is overwritten.
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { BroadsheetError } from '../errors/catalogue.ts';
import { configFileName } from './load-config.ts';
import { toolRoot } from './resolve.ts';

const config = `# The house style of the Riverside Courier: Broadsheet's own settings are the defaults for all that is not here.
paper:
  name: The Riverside Courier
  lang: en-GB
grids:
  a3:
    label: A3 compact
    trim: { width: 297mm, height: 420mm }
    margins: { top: 12mm, bottom: 12mm, inside: 11mm, outside: 11mm }
    columns: 5
    gutter: 4mm
    body: { size: 9pt, leading: 11.5pt }
defaultGrid:
  zh: zh-broadsheet
  default: a3
fonts:
  # Font files (TrueType outlines) and @fontsource packages installed here with npm.
  files: [fonts/courier-headline.woff2]
template: templates/article.html
stylesheets: [styles/house.css]
output: dist
archive: archive
frontMatter:
  # Fields a CMS export carries that Broadsheet does not print: allow, warn or refuse.
  unknownFields: warn
`;

const houseCss = `/* The Riverside Courier's own look, set after Broadsheet's stylesheets. */
@font-face {
  font-family: 'Courier Headline';
  font-weight: 700;
  src: url(../fonts/courier-headline.woff2) format('woff2');
}
.story:not(:lang(zh)) .headline-module .headline { font-family: 'Courier Headline', 'Source Serif 4', serif; }
.headline-module { border-bottom: 2pt solid #1f3a5f; }
.folio { border-bottom-color: #1f3a5f; }
.folio-paper { letter-spacing: 0.08em; text-transform: uppercase; }
`;

const story = `---
headline: Ferry timetable grows by two evening sailings
deck: The Riverside service will run until ten at night from the first of May
byline: Courier staff
date: "2026-12-02"
section: Local
lang: en-GB
tags: [transport, river]
---

The river ferry between Quay Street and the new housing on the south bank will add two evening sailings from the
first of May, the operator said on Tuesday, after a year in which the last boat of the day was often full.

The extra crossings leave the north quay at nine and ten o'clock. Fares stay as they are, and season tickets bought
before the change will be honoured on the new sailings.

## Why now

"People told us they were leaving work or the cinema and racing for the last boat," said the operator's manager,
Sam Okoye. "Two more sailings cost us one extra crew shift a night. The numbers say it will pay."

The council, which owns both landing stages, has agreed to keep their lights on until the last crossing.
`;

export async function writeStarterHouse(options: { dir: string }): Promise<{ dir: string; files: string[]; manuscript: string }> {
  const dir = resolve(options.dir);
  const fontSource = join(dirname(createRequire(join(toolRoot, 'package.json')).resolve('@fontsource/source-serif-4/package.json')), 'files/source-serif-4-latin-700-normal.woff2');
  const template = await readFile(join(toolRoot, 'templates/article.html'), 'utf8');
  const files: Array<{ path: string; contents: string } | { path: string; from: string }> = [
    { path: configFileName, contents: config },
    { path: 'styles/house.css', contents: houseCss },
    { path: 'templates/article.html', contents: template },
    { path: 'fonts/courier-headline.woff2', from: fontSource },
    { path: 'stories/ferry-timetable/article.md', contents: story },
    { path: '.gitignore', contents: '/dist/\n/archive/\n' },
  ];
  // A folder that already holds any of these files is left as it is: init never writes over someone's work.
  const taken = files.map((file) => join(dir, file.path)).filter((path) => existsSync(path));
  if (taken.length > 0) throw new BroadsheetError('OutputFailed', `${dir} already has ${taken.map((path) => path.slice(dir.length + 1)).join(', ')}; run init in an empty folder.`);
  const written: string[] = [];
  for (const file of files) {
    const target = join(dir, file.path);
    await mkdir(dirname(target), { recursive: true });
    if ('from' in file) await copyFile(file.from, target);
    else await writeFile(target, file.contents, { flag: 'wx' });
    written.push(target);
  }
  return { dir, files: written, manuscript: 'stories/ferry-timetable' };
}
