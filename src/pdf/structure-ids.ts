// Chromium names the tagged PDF's structure elements that carry an ID (a table's header cells, which data cells point
// to with /Headers) after their DOM nodes, and a DOM node's number is a count kept by the renderer process: the same
// page printed in a tab that set other pages before, or on another machine, gets other numbers. They are numbered
// again here in the order of the structure tree, so the same page always makes the same bytes.
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFRef, PDFString, type PDFDocument, type PDFObject } from 'pdf-lib';

const idKey = PDFName.of('ID');
const kidsKey = PDFName.of('K');

/** Renumbers the structure elements' IDs (and the /Headers and ID tree that name them); returns how many it renamed. */
export function numberStructureIds(document: PDFDocument): number {
  const root = document.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict);
  if (!root) return 0;
  const named: Array<{ element: PDFDict; ref: PDFRef | undefined; id: string }> = [];
  const elements: PDFDict[] = [];
  const seen = new Set<PDFDict>();
  const walk = (object: PDFObject | undefined, ref?: PDFRef): void => {
    if (object instanceof PDFRef) return walk(document.context.lookup(object), object);
    if (object instanceof PDFArray) return object.asArray().forEach((item) => walk(item));
    if (!(object instanceof PDFDict) || seen.has(object)) return;
    seen.add(object);
    elements.push(object);
    const id = textOf(object.get(idKey));
    if (id !== undefined) named.push({ element: object, ref, id });
    walk(object.get(kidsKey));
  };
  walk(root.get(kidsKey));
  if (named.length === 0) return 0;
  const renamed = new Map(named.map((entry, index) => [entry.id, `node${String(index + 1).padStart(8, '0')}`]));
  for (const entry of named) entry.element.set(idKey, PDFString.of(renamed.get(entry.id) ?? entry.id));
  for (const element of elements) renameHeaders(document, element.get(PDFName.of('A')), renamed);
  // The ID tree again, one leaf of names in order (a name tree's keys are sorted).
  const leaves = named.filter((entry): entry is typeof entry & { ref: PDFRef } => entry.ref !== undefined).map((entry) => ({ key: renamed.get(entry.id) ?? entry.id, ref: entry.ref }));
  leaves.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const tree = document.context.obj({ Names: document.context.obj(leaves.flatMap((leaf) => [PDFString.of(leaf.key), leaf.ref])) });
  // The old tree's nodes go: a PDF keeps every object it holds, referred to or not, and they hold the old names.
  const old = root.get(PDFName.of('IDTree'));
  forgetTree(document, old);
  if (old instanceof PDFRef) document.context.assign(old, tree);
  else root.set(PDFName.of('IDTree'), document.context.register(tree));
  return named.length;
}

/** Deletes a name tree's nodes below `node` (the node itself too, unless it is the root's own reference). */
function forgetTree(document: PDFDocument, node: PDFObject | undefined, depth = 0): void {
  const dict = node instanceof PDFRef ? document.context.lookup(node) : node;
  if (!(dict instanceof PDFDict)) return;
  const kids = dict.get(PDFName.of('Kids'));
  const list = kids instanceof PDFRef ? document.context.lookup(kids) : kids;
  if (list instanceof PDFArray) for (const kid of list.asArray()) forgetTree(document, kid, depth + 1);
  if (depth > 0 && node instanceof PDFRef) document.context.delete(node);
}

/** The /Headers of a table cell's attributes (a dictionary, or an array of them), named anew. */
function renameHeaders(document: PDFDocument, attributes: PDFObject | undefined, renamed: ReadonlyMap<string, string>): void {
  const resolved = attributes instanceof PDFRef ? document.context.lookup(attributes) : attributes;
  if (resolved instanceof PDFArray) return resolved.asArray().forEach((item) => renameHeaders(document, item, renamed));
  if (!(resolved instanceof PDFDict)) return;
  const headers = resolved.lookup(PDFName.of('Headers'));
  if (!(headers instanceof PDFArray)) return;
  for (let index = 0; index < headers.size(); index++) {
    const id = textOf(headers.get(index));
    const next = id === undefined ? undefined : renamed.get(id);
    if (next) headers.set(index, PDFString.of(next));
  }
}

const textOf = (object: PDFObject | undefined): string | undefined => (object instanceof PDFString || object instanceof PDFHexString ? object.decodeText() : undefined);
