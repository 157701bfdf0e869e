// mdast node types Broadsheet adds: a photo's caption and its credit, turned into HTML through data.hName.
import type { Data, Parent, PhrasingContent } from 'mdast';

export interface CaptionData extends Data {
  hName: 'figcaption';
  hProperties: { className: string[] };
}

/** The words under (or beside) a photo: the image's alt text. */
export interface FigureCaption extends Parent {
  type: 'figureCaption';
  children: Array<PhrasingContent>;
  data: CaptionData;
}

/** Who took the photo: the image's title, e.g. 李宗宪摄 or "Photo: Jane Doe". */
export interface Credit extends Parent {
  type: 'credit';
  children: PhrasingContent[];
  data: { hName: 'span'; hProperties: { className: string[] } };
}

declare module 'mdast' {
  interface PhrasingContentMap {
    figureCaption: FigureCaption;
    credit: Credit;
  }
  interface RootContentMap {
    figureCaption: FigureCaption;
    credit: Credit;
  }
}
