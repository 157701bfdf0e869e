// resolvePageFile(): the page may load files from its allowlisted folders only; every way out of them is refused.
import { mkdir, realpath, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageOrigin, pageRoots, resolvePageFile, type PageRoots } from '../../src/render/page-files.ts';
import { layoutProjectRoot as projectRoot } from '../helpers/layout-files.ts';
import { jpegBytes } from '../helpers/images.ts';
import { tempFolder, type TempFolder } from '../helpers/paths.ts';
import { testProject } from '../helpers/project.ts';

let temp: TempFolder;
let root: string;
let roots: PageRoots;

/**
 * <temp>/manuscript: article.md, images/a.jpg, images/山亭 1.jpg, images/inside.jpg → a.jpg,
 * images/hostname.jpg → /etc/hostname, images/escape.jpg → ../../outside/secret.jpg
 * <temp>/outside/secret.jpg: a real photo just outside, so refusals cannot be mere "no such file".
 */
beforeAll(async () => {
  temp = await tempFolder('page-files');
  root = await realpath(temp.path);
  const manuscript = join(root, 'manuscript');
  await mkdir(join(manuscript, 'images'), { recursive: true });
  await mkdir(join(root, 'outside'));
  await writeFile(join(manuscript, 'article.md'), '---\nheadline: h\n---\n');
  await writeFile(join(manuscript, 'images/a.jpg'), jpegBytes(8, 8));
  await writeFile(join(manuscript, 'images/山亭 1.jpg'), jpegBytes(8, 8));
  await writeFile(join(root, 'outside/secret.jpg'), jpegBytes(8, 8));
  await symlink('a.jpg', join(manuscript, 'images/inside.jpg'));
  await symlink('/etc/hostname', join(manuscript, 'images/hostname.jpg'));
  await symlink('../../outside/secret.jpg', join(manuscript, 'images/escape.jpg'));
  roots = pageRoots(await testProject(), manuscript);
});
afterAll(async () => temp?.remove());

const at = (path: string) => `${pageOrigin}/${path}`;

describe('resolvePageFile allows', () => {
  it('a photo in the manuscript folder, as that file, typed image/jpeg', () => {
    expect(resolvePageFile(at('manuscript/images/a.jpg'), roots)).toEqual({
      kind: 'file',
      urlPath: 'manuscript/images/a.jpg',
      path: join(root, 'manuscript/images/a.jpg'),
      mime: 'image/jpeg',
    });
  });

  it('a photo whose name is %-escaped (Chinese, a space)', () => {
    expect(resolvePageFile(at(`manuscript/images/${encodeURIComponent('山亭 1.jpg')}`), roots)).toMatchObject({ kind: 'file', path: join(root, 'manuscript/images/山亭 1.jpg') });
  });

  it('a link to another file inside the manuscript folder, as the file it points at', () => {
    expect(resolvePageFile(at('manuscript/images/inside.jpg'), roots)).toMatchObject({ kind: 'file', path: join(root, 'manuscript/images/a.jpg') });
  });

  it('the styles and templates of the project', () => {
    expect(resolvePageFile(at('styles/page.css'), roots)).toMatchObject({ kind: 'file', path: join(projectRoot, 'styles/page.css'), mime: 'text/css; charset=utf-8' });
  });

  it.each(['noto-serif-sc/400.css', 'noto-sans-sc/700.css', 'source-serif-4/400.css'])('the font package file fonts/%s, from node_modules/@fontsource', (file) => {
    const answer = resolvePageFile(at(`fonts/${file}`), roots);
    expect(answer).toMatchObject({ kind: 'file', mime: 'text/css; charset=utf-8' });
    expect(answer.kind === 'file' ? answer.path : '').toContain(`/node_modules/@fontsource/${file}`);
  });
});

describe('resolvePageFile refuses', () => {
  it.each([
    ['a path climbing out with ..', 'manuscript/../outside/secret.jpg'],
    ['a path climbing out with %2e%2e', 'manuscript/%2e%2e/outside/secret.jpg'],
    ['a path climbing out with ..%2f (escaped slash)', 'manuscript/..%2foutside%2fsecret.jpg'],
    ['a path climbing out with %2e%2e%2f from deeper', 'manuscript/images/%2e%2e%2f%2e%2e%2foutside/secret.jpg'],
    ['a path with a NUL byte', 'manuscript/images/a.jpg%00.png'],
    ['a link to /etc/hostname inside the manuscript folder', 'manuscript/images/hostname.jpg'],
    ['a relative link out of the manuscript folder', 'manuscript/images/escape.jpg'],
    ['the manuscript’s own text', 'manuscript/article.md'],
    ['project files outside the allowlisted folders', 'package.json'],
    ['the program’s source', 'src/build.ts'],
    ['a font package’s manifest', 'fonts/noto-serif-sc/package.json'],
  ])('%s: /%s', (_, path) => {
    const answer = resolvePageFile(at(path), roots);
    expect(answer.kind).toBe('refused');
    expect(answer.kind === 'refused' ? answer.reason : '').not.toBe('no such file');
  });

  it('an escaped absolute path to a real file outside', () => {
    const answer = resolvePageFile(at(`manuscript/${encodeURIComponent(join(root, 'outside/secret.jpg'))}`), roots);
    expect(answer.kind).toBe('refused');
  });

  it.each([
    ['another web site', 'https://example.com/manuscript/images/a.jpg'],
    ['the page’s host over plain http', 'http://press.broadsheet.invalid/manuscript/images/a.jpg'],
    ['the page’s host on another port', 'https://press.broadsheet.invalid:8443/manuscript/images/a.jpg'],
    ['a look-alike host', 'https://press.broadsheet.invalid.example.com/manuscript/images/a.jpg'],
    ['the loopback interface', 'http://127.0.0.1:9/x'],
    ['file:///etc/passwd', 'file:///etc/passwd'],
    ['a data: URL', 'data:image/png;base64,iVBORw0KGgo='],
    ['something that is not a URL', 'manuscript/images/a.jpg'],
  ])('%s', (_, url) => {
    expect(resolvePageFile(url, roots).kind).toBe('refused');
  });

  it('a file: URL even to an allowed photo', () => {
    expect(resolvePageFile(pathToFileURL(join(root, 'manuscript/images/a.jpg')).href, roots).kind).toBe('refused');
  });
});
