// The house style folder: broadsheet.config.yaml is found from the current folder up, checked by its schema with
// line-accurate errors and "did you mean", and resolved over Broadsheet's defaults into one frozen project.
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BroadsheetError } from '../../src/errors/catalogue.ts';
import { parseConfig } from '../../src/project/load-config.ts';
import { resolveProject } from '../../src/project/resolve.ts';
import { pageRoots } from '../../src/render/page-files.ts';

const errorOf = async (work: () => unknown): Promise<BroadsheetError> => {
  try {
    await work();
  } catch (error) {
    if (error instanceof BroadsheetError) return error;
    throw error;
  }
  throw new Error('expected an error');
};

describe('parseConfig', () => {
  it('reads a valid house config', () => {
    const config = parseConfig('paper:\n  name: Courier\ngrids:\n  a3:\n    trim: { width: 297mm, height: 420mm }\n    margins: { top: 12mm, bottom: 12mm, inside: 10mm, outside: 10mm }\n    columns: 6\n    gutter: 4mm\n    body: { size: 9pt, leading: 12pt }\n', 'house.yaml');
    expect(config.paper?.name).toBe('Courier');
    expect(config.grids?.['a3']?.columns).toBe(6);
  });

  it('reads the job queue the house sends its pages to, and refuses what is no redis:// address, naming its line', async () => {
    expect(parseConfig('queue: redis://render.courier.internal:6379\n', 'house.yaml').queue).toBe('redis://render.courier.internal:6379');
    const error = await errorOf(() => parseConfig('paper:\n  name: Courier\nqueue: render:6379\n', 'house.yaml'));
    expect(error.details.join('\n')).toMatch(/house\.yaml:3:\d+: `queue`.*redis:\/\/HOST:PORT/);
  });

  it('names the line, the key and the setting meant, for a misspelt key', async () => {
    const error = await errorOf(() => parseConfig('paper:\n  name: Courier\nstylesheet: [a.css]\n', '/h/broadsheet.config.yaml'));
    expect(error.entry.code).toBe('BS081');
    expect(error.details.join('\n')).toContain('/h/broadsheet.config.yaml:3:1: `stylesheet` is not a setting; did you mean `stylesheets`?');
  });

  it('names the line of a value of the wrong kind, inside a grid too', async () => {
    const source = 'grids:\n  a3:\n    trim: { width: 297, height: 420mm }\n    margins: { top: 12mm, bottom: 12mm, inside: 10mm, outside: 10mm }\n    columns: 6\n    gutter: 4mm\n    body: { size: 9pt, leading: 12pt }\n    colums: 5\n';
    const details = (await errorOf(() => parseConfig(source, 'c.yaml'))).details.join('\n');
    expect(details).toMatch(/c\.yaml:3:\d+: `grids\.a3\.trim\.width`/);
    expect(details).toContain('c.yaml:8:5: in `grids.a3`, `colums` is not a setting; did you mean `columns`?');
  });

  it('points at YAML that does not parse', async () => {
    expect((await errorOf(() => parseConfig('paper: [unclosed\n', 'c.yaml'))).details.join('\n')).toMatch(/^c\.yaml:\d+:\d+: /);
  });
});

describe('resolveProject', () => {
  let house: string;
  beforeAll(async () => {
    house = await mkdtemp(join(tmpdir(), 'broadsheet-house-'));
    await mkdir(join(house, 'styles'));
    await mkdir(join(house, 'fonts'));
    await mkdir(join(house, 'desk/stories'), { recursive: true });
    await writeFile(join(house, 'styles/house.css'), '.headline { color: #123; }\n');
    const woff2 = join(dirname(createRequire(import.meta.url).resolve('@fontsource/source-serif-4/package.json')), 'files/source-serif-4-latin-700-normal.woff2');
    await copyFile(woff2, join(house, 'fonts/head.woff2'));
    // An OpenType font with CFF outlines: its first bytes say so.
    await writeFile(join(house, 'fonts/cff.otf'), Buffer.concat([Buffer.from('OTTO'), Buffer.alloc(60)]));
    await writeFile(
      join(house, 'broadsheet.config.yaml'),
      'paper:\n  name: The Courier\n  lang: en-GB\ngrids:\n  a3:\n    trim: { width: 297mm, height: 420mm }\n    margins: { top: 12mm, bottom: 12mm, inside: 10mm, outside: 10mm }\n    columns: 6\n    gutter: 4mm\n    body: { size: 9pt, leading: 12pt }\ndefaultGrid:\n  default: a3\nfonts:\n  files: [fonts/head.woff2]\nstylesheets: [styles/house.css]\noutput: out\nfrontMatter:\n  unknownFields: allow\n',
    );
  });
  afterAll(async () => rm(house, { recursive: true, force: true }));

  it('finds the config from a folder below it and resolves it over the defaults, frozen', async () => {
    const project = await resolveProject({ cwd: join(house, 'desk/stories') });
    expect(project.configFile).toBe(join(house, 'broadsheet.config.yaml'));
    expect(project.paper).toEqual({ name: 'The Courier', lang: 'en-GB' });
    expect(project.gridFor({ lang: 'en-GB' }).trim).toEqual({ width: 297, height: 420 });
    expect(project.gridFor({ lang: 'zh-CN', name: 'tabloid' }).columns).toBe(5);
    expect(project.stylesheets).toEqual(['house/styles/house.css']);
    expect(project.outDir).toBe(join(house, 'out'));
    expect(project.frontMatter.unknownFields).toBe('allow');
    expect(Object.isFrozen(project)).toBe(true);
  });

  it('lets the page load the house’s styles and fonts, and nothing else of the house folder', async () => {
    const project = await resolveProject({ cwd: house });
    const roots = pageRoots(project, join(house, 'desk'));
    expect(roots['house/styles/']).toBe(join(house, 'styles'));
    expect(roots['house/fonts/']).toBe(join(house, 'fonts'));
    expect(Object.values(roots)).not.toContain(house);
  });

  it('uses Broadsheet’s own defaults when there is no config', async () => {
    const project = await resolveProject({ cwd: '/' });
    expect(project.configFile).toBeNull();
    expect(project.gridFor({ lang: 'zh-CN' }).name).toBe('zh-broadsheet');
    expect(project.gridFor({ lang: 'en' }).name).toBe('berliner');
  });

  it('refuses a CFF font, saying why', async () => {
    const config = join(house, 'cff.yaml');
    await writeFile(config, 'fonts:\n  files: [fonts/cff.otf]\n');
    const error = await errorOf(() => resolveProject({ cwd: house, configFile: config }));
    expect(error.entry.code).toBe('BS083');
    expect(error.message).toContain('CFF');
    expect(error.entry.hint).toContain('Type 3');
  });

  it('refuses a grid name nobody defined, listing the grids', async () => {
    const config = join(house, 'grid.yaml');
    await writeFile(config, 'defaultGrid:\n  default: a4\n');
    const error = await errorOf(() => resolveProject({ cwd: house, configFile: config }));
    expect(error.entry.code).toBe('BS082');
    expect(error.message).toContain('zh-broadsheet');
  });

  it('reads the plant’s rules under `press:`, and lets --pdfx and --marks win over them', async () => {
    const config = join(house, 'press.yaml');
    await writeFile(config, 'press:\n  pdfx: 1a\n  bleed: 5mm\n  tac: 220\n  minPpi: 250\n  spotColours: true\n');
    const project = await resolveProject({ cwd: house, configFile: config });
    expect(project.press).toMatchObject({ pdfx: '1a', bleed: 5, marks: false, tac: 220, minPpi: 250, spotColours: true, outputConditionIdentifier: 'CGATS TR 002' });
    expect(project.press.profile).toMatch(/lib\/profiles\/newsprint-tr002\.icc$/);
    const overridden = await resolveProject({ cwd: house, configFile: config, pdfx: '4', marks: true });
    expect(overridden.press).toMatchObject({ pdfx: '4', marks: true, bleed: 5 });
  });

  it('defaults to PDF/X-4, 3 mm bleed, 240 % ink and 200 ppi, no marks, no spot colours', async () => {
    const project = await resolveProject({ cwd: '/' });
    expect(project.press).toMatchObject({ pdfx: '4', bleed: 3, marks: false, tac: 240, minPpi: 200, spotColours: false });
  });

  it('names the line of a misspelt press rule, and a press profile that is not there', async () => {
    const details = (await errorOf(() => parseConfig('press:\n  tacc: 220\n', 'c.yaml'))).details.join('\n');
    expect(details).toContain('c.yaml:2:3: in `press`, `tacc` is not a setting; did you mean `tac`?');
    const config = join(house, 'profile.yaml');
    await writeFile(config, 'press:\n  profile: profiles/plant.icc\n');
    expect((await errorOf(() => resolveProject({ cwd: house, configFile: config }))).entry.code).toBe('BS084');
  });

  it('names a missing house file', async () => {
    const config = join(house, 'missing.yaml');
    await writeFile(config, 'stylesheets: [styles/nope.css]\n');
    expect((await errorOf(() => resolveProject({ cwd: house, configFile: config }))).entry.code).toBe('BS084');
  });
});
