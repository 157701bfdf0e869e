// Neutral colours (black text, grey rules: Chromium writes them as equal RGB, `r r r rg`) become DeviceGray before
// the CMYK conversion, so they print on the black plate alone: 100 % K text, never four-colour black. Coloured text
// and photos keep their colour and go through the output profile.
import { PDFArray, PDFName, PDFRawStream, PDFRef, type PDFDocument, type PDFObject, type PDFStream } from 'pdf-lib';
import { decodedStream, restreamed } from './flate.ts';

/** Equal R, G and B given to a fill (rg) or stroke (RG) operator. */
const neutral = /(^|[\s\]])(\d*\.?\d+)\s+(\d*\.?\d+)\s+(\d*\.?\d+)\s+(rg|RG)(?=[\s\[/]|$)/g;

export function rewriteNeutrals(content: string): { text: string; rewritten: number } {
  let rewritten = 0;
  const text = content.replace(neutral, (whole, before: string, r: string, g: string, b: string, operator: string) => {
    if (Number(r) !== Number(g) || Number(g) !== Number(b)) return whole;
    rewritten++;
    return `${before}${r} ${operator === 'rg' ? 'g' : 'G'}`;
  });
  return { text, rewritten };
}

/** Rewrites every page's content streams in place (Chromium draws pages without forms); returns how many colours it changed. */
export function neutralsToGray(document: PDFDocument): number {
  let total = 0;
  const seen = new Set<PDFStream>();
  const rewrite = (stream: PDFStream | undefined) => {
    if (!(stream instanceof PDFRawStream) || seen.has(stream)) return;
    seen.add(stream);
    const bytes = decodedStream(stream);
    // Content streams are Latin-1 operators around binary strings: a byte-for-byte round trip keeps the strings.
    const { text, rewritten } = rewriteNeutrals(Buffer.from(bytes).toString('latin1'));
    if (rewritten === 0) return;
    total += rewritten;
    const fresh = restreamed(document.context, stream, Buffer.from(text, 'latin1'));
    const ref = refOf(document, stream);
    if (ref) document.context.assign(ref, fresh);
  };
  for (const page of document.getPages()) {
    const contents = page.node.Contents();
    if (contents instanceof PDFArray) for (let index = 0; index < contents.size(); index++) rewrite(streamAt(document, contents.get(index)));
    else if (contents) rewrite(streamAt(document, contents));
  }
  return total;
}

function streamAt(document: PDFDocument, entry: PDFObject): PDFRawStream | undefined {
  const object = document.context.lookup(entry);
  return object instanceof PDFRawStream ? object : undefined;
}

function refOf(document: PDFDocument, stream: PDFStream): PDFRef | undefined {
  for (const [ref, object] of document.context.enumerateIndirectObjects()) if (object === stream) return ref;
  return undefined;
}
