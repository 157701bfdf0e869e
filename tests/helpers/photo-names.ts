// Photo names as phones, cameras and desks make them, and how a manuscript writes each so that CommonMark reads it.

/** File names on disk, and how the manuscript writes each. */
export const awkward: ReadonlyArray<{ readonly file: string; readonly written: string }> = [
  { file: 'park photo.jpg', written: '<images/park photo.jpg>' },
  { file: 'no #1.jpg', written: 'images/no%20%231.jpg' },
  { file: '100% sure.jpg', written: '<images/100%25 sure.jpg>' },
  { file: 'a+b@c.jpg', written: 'images/a+b@c.jpg' },
  { file: 'march (1).jpg', written: '<images/march (1).jpg>' },
  // Saved on a Mac: the name is decomposed (NFD); the manuscript is typed composed (NFC).
  { file: 'cafe\u0301.jpg', written: 'images/caf\u00e9.jpg' },
  { file: 'HARBOUR.JPG', written: 'images/HARBOUR.JPG' },
];
