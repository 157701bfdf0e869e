// Writes a PDF/A copy's document facts twice, as PDF/A asks: in the Info dictionary and, identically, in the XMP metadata.
// (Ghostscript 10.00 drops any non-ASCII title from a PDF/A's metadata, so Broadsheet writes both itself.)
import { PDFDocument, PDFName } from 'pdf-lib';
import { dayOf } from '../pdf/finish.ts';

export interface ArchivalFacts {
  readonly title: string;
  readonly author?: string;
  readonly subject?: string;
  readonly lang: string;
  readonly date: string;
  readonly producer: string;
}

export async function stampPdfA(pdf: Uint8Array, facts: ArchivalFacts): Promise<Uint8Array> {
  const document = await PDFDocument.load(pdf, { updateMetadata: false });
  const day = dayOf(facts.date);
  document.setTitle(facts.title);
  if (facts.author) document.setAuthor(facts.author);
  if (facts.subject) document.setSubject(facts.subject);
  document.setCreator('Broadsheet');
  document.setProducer(facts.producer);
  document.setCreationDate(day);
  document.setModificationDate(day);
  document.setLanguage(facts.lang);
  const xmp = xmpPacket(facts, day.toISOString().replace(/\.\d{3}Z$/, 'Z'));
  const stream = document.context.stream(new TextEncoder().encode(xmp), { Type: 'Metadata', Subtype: 'XML' });
  document.catalog.set(PDFName.of('Metadata'), document.context.register(stream));
  return document.save({ useObjectStreams: false });
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function xmpPacket(facts: ArchivalFacts, when: string): string {
  const creators = (facts.author ?? '').split('; ').filter(Boolean).map((name) => `<rdf:li>${escapeXml(name)}</rdf:li>`).join('');
  return `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/" pdfaid:part="2" pdfaid:conformance="B"/>
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
<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
<pdf:Producer>${escapeXml(facts.producer)}</pdf:Producer>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;
}
