// Writes a finished copy's document facts twice, as PDF/A and PDF/X ask: in the Info dictionary and, identically, in
// the XMP metadata, with the standard's identification. Broadsheet writes them itself: Ghostscript drops non-ASCII
// titles, and stamps the time it ran (so two builds of the same input would differ).
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef, PDFString } from 'pdf-lib';
import { dayOf, type PdfFacts } from './finish.ts';
import { loadPdf, savePdf } from './pdf-file.ts';

/** The facts a finished copy carries: the same as every PDF Broadsheet writes. */
export type DocumentFacts = PdfFacts;

export type Identification = { readonly pdfa: { readonly part: number; readonly conformance: string } } | { readonly pdfx: '4' | '1a' };

/** PDF/X names its version in the Info dictionary and the XMP, each in its own way. */
export const pdfxVersion = (version: '4' | '1a') => (version === '4' ? 'PDF/X-4' : 'PDF/X-1:2001');

export function stampFacts(document: PDFDocument, facts: DocumentFacts, identification: Identification): void {
  const day = dayOf(facts.date);
  document.setTitle(facts.title, { showInWindowTitleBar: true });
  if (facts.author) document.setAuthor(facts.author);
  if (facts.subject) document.setSubject(facts.subject);
  document.setCreator('Broadsheet');
  document.setProducer(facts.producer);
  document.setCreationDate(day);
  document.setModificationDate(day);
  document.setLanguage(facts.lang);
  if ('pdfx' in identification) {
    // setTitle above created the Info dictionary; pdf-lib keeps its accessor private, the trailer points at it.
    const info = document.context.lookup(document.context.trailerInfo.Info, PDFDict);
    info.set(PDFName.of('GTS_PDFXVersion'), PDFString.of(pdfxVersion(identification.pdfx)));
    if (identification.pdfx === '1a') info.set(PDFName.of('GTS_PDFXConformance'), PDFString.of('PDF/X-1a:2001'));
    info.set(PDFName.of('Trapped'), PDFName.of('False'));
  }
  const id = `${facts.date ?? 'undated'} ${facts.title}`.slice(0, 64);
  const xmp = xmpPacket(facts, day.toISOString().replace(/\.\d{3}Z$/, 'Z'), identification, Buffer.from(id).toString('hex').slice(0, 32).padEnd(32, '0'));
  // The metadata it replaces (Ghostscript's, with the time it ran) goes, or it would stay in the file unreferenced.
  const previous = document.catalog.get(PDFName.of('Metadata'));
  if (previous instanceof PDFRef) document.context.delete(previous);
  const stream = document.context.stream(new TextEncoder().encode(xmp), { Type: 'Metadata', Subtype: 'XML' });
  document.catalog.set(PDFName.of('Metadata'), document.context.register(stream));
  // A fixed document ID: derived from nothing that changes between two builds of the same input.
  const hex = PDFHexString.fromText(id);
  document.context.trailerInfo.ID = document.context.obj([hex, hex]);
}

/** Kept for the archive's PDF/A copies: stamp and save. */
export async function stampPdfA(pdf: Uint8Array, facts: DocumentFacts & { date: string }): Promise<Uint8Array> {
  const document = await loadPdf(pdf);
  stampFacts(document, facts, { pdfa: { part: 2, conformance: 'B' } });
  return savePdf(document);
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function xmpPacket(facts: DocumentFacts, when: string, identification: Identification, uuid: string): string {
  const creators = (facts.author ?? '').split('; ').filter(Boolean).map((name) => `<rdf:li>${escapeXml(name)}</rdf:li>`).join('');
  const guid = `uuid:${uuid.slice(0, 8)}-${uuid.slice(8, 12)}-${uuid.slice(12, 16)}-${uuid.slice(16, 20)}-${uuid.slice(20, 32)}`;
  const standard =
    'pdfa' in identification
      ? `<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/" pdfaid:part="${identification.pdfa.part}" pdfaid:conformance="${identification.pdfa.conformance}"/>`
      : identification.pdfx === '4'
        ? `<rdf:Description rdf:about="" xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/" pdfxid:GTS_PDFXVersion="PDF/X-4"/>`
        : `<rdf:Description rdf:about="" xmlns:pdfx="http://ns.adobe.com/pdfx/1.3/" pdfx:GTS_PDFXVersion="PDF/X-1:2001" pdfx:GTS_PDFXConformance="PDF/X-1a:2001"/>`;
  return `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
${standard}
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(facts.title)}</rdf:li></rdf:Alt></dc:title>
${creators ? `<dc:creator><rdf:Seq>${creators}</rdf:Seq></dc:creator>` : ''}
${facts.subject ? `<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(facts.subject)}</rdf:li></rdf:Alt></dc:description>` : ''}
<dc:language><rdf:Bag><rdf:li>${escapeXml(facts.lang)}</rdf:li></rdf:Bag></dc:language>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
<xmp:CreateDate>${when}</xmp:CreateDate>
<xmp:ModifyDate>${when}</xmp:ModifyDate>
<xmp:MetadataDate>${when}</xmp:MetadataDate>
<xmp:CreatorTool>Broadsheet</xmp:CreatorTool>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/">
<xmpMM:DocumentID>${guid}</xmpMM:DocumentID>
<xmpMM:InstanceID>${guid}</xmpMM:InstanceID>
<xmpMM:VersionID>1</xmpMM:VersionID>
<xmpMM:RenditionClass>default</xmpMM:RenditionClass>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
<pdf:Producer>${escapeXml(facts.producer)}</pdf:Producer>
<pdf:Trapped>False</pdf:Trapped>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;
}
