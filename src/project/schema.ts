// The house style file, broadsheet.config.yaml, as a schema: a newsroom's paper, grids, fonts, template, styles,
// folders and front-matter policy. Every field is optional: what is left out comes from Broadsheet's own defaults.
import { z } from 'zod';

const length = z.string().regex(/^\d+(?:\.\d+)?(?:mm|pt)$/, 'a length like 12mm or 9pt');
const file = z.string().min(1, 'a file inside the house folder, e.g. styles/house.css');

export const gridSchema = z.strictObject({
  label: z.string().optional(),
  trim: z.strictObject({ width: length, height: length }),
  margins: z.strictObject({ top: length, bottom: length, inside: length, outside: length }),
  columns: z.number().int().min(1).max(20),
  gutter: length,
  body: z.strictObject({ size: length, leading: length }),
});

export const configSchema = z.strictObject({
  paper: z
    .strictObject({
      /** The paper's name in every folio line. */
      name: z.string().min(1),
      /** The language of pages that carry no story of their own (BCP 47). */
      lang: z.string().min(2).optional(),
    })
    .optional(),
  /** The house's own page grids, by name; they join (or replace) Broadsheet's zh-broadsheet, berliner and tabloid. */
  grids: z.record(z.string().regex(/^[a-z][\w-]*$/, 'a grid name of small letters, digits and dashes'), gridSchema).optional(),
  /** The grid for each language (`zh`, `en`, …) and `default` for the rest. */
  defaultGrid: z.record(z.string(), z.string()).optional(),
  fonts: z
    .strictObject({
      /** `@fontsource/…` packages installed in the house folder (npm install there). */
      packages: z.array(z.string().regex(/^@fontsource(?:-variable)?\/[\w.-]+$/, 'an @fontsource package name, e.g. @fontsource/noto-serif-sc')).optional(),
      /** Font files in the house folder (.ttf, .woff, .woff2), for the house stylesheets' @font-face rules. */
      files: z.array(file).optional(),
    })
    .optional(),
  /** The article template, replacing templates/article.html (it keeps the same slots). */
  template: file.optional(),
  /** Stylesheets set after Broadsheet's own, in this order: they extend or override them. */
  stylesheets: z.array(file).optional(),
  /** Where builds and archive entries go, relative to the house folder. */
  output: file.optional(),
  archive: file.optional(),
  /** The job queue editions and re-renders go to (redis://HOST:PORT); without it pages are set on this machine. */
  queue: z.string().regex(/^redis:\/\/\S+$/, 'a redis://HOST:PORT address').optional(),
  /** What the printing plant accepts: the press PDF and the preflight that checks it. */
  press: z
    .strictObject({
      /** PDF/X-4 (default) or PDF/X-1a:2001. */
      pdfx: z.enum(['4', '1a']).optional(),
      /** The plant's own CMYK output profile (ICC, in the house folder); default: newsprint from CGATS TR 002. */
      profile: file.optional(),
      /** The output condition the profile is for, as the output intent names it. */
      outputCondition: z.string().min(1).optional(),
      bleed: length.optional(),
      /** Crop marks, registration marks and a colour bar outside the bleed. */
      marks: z.boolean().optional(),
      /** Highest total ink coverage, in per cent. */
      tac: z.number().min(100).max(400).optional(),
      minPpi: z.number().int().min(72).max(1200).optional(),
      spotColours: z.boolean().optional(),
    })
    .optional(),
  /** What a manuscript may hold (see src/manuscript/guards.ts for each default); raise one for a special edition. */
  limits: z
    .strictObject({
      maxBytes: z.number().int().min(1024).optional(),
      maxNesting: z.number().int().min(1).max(200).optional(),
      maxEmphasisMarkers: z.number().int().min(1).optional(),
      maxWordLength: z.number().int().min(20).optional(),
      maxParagraphLength: z.number().int().min(500).optional(),
      maxTableColumns: z.number().int().min(1).max(60).optional(),
      maxPhotos: z.number().int().min(0).optional(),
      maxMegapixels: z.number().min(1).optional(),
      parseSeconds: z.number().min(1).max(600).optional(),
    })
    .optional(),
  frontMatter: z
    .strictObject({
      /** Fields the schema does not know (a CMS export's `tags`, `slug`, `id`): allow, warn (default) or refuse. */
      unknownFields: z.enum(['allow', 'warn', 'refuse']).optional(),
    })
    .optional(),
});

export type HouseConfig = z.infer<typeof configSchema>;
export type GridConfig = z.infer<typeof gridSchema>;

/** Every key the file may use, by the path of the map it is in, for "did you mean". */
export const knownKeys: Readonly<Record<string, readonly string[]>> = {
  '': Object.keys(configSchema.shape),
  paper: ['name', 'lang'],
  fonts: ['packages', 'files'],
  frontMatter: ['unknownFields'],
  limits: ['maxBytes', 'maxNesting', 'maxEmphasisMarkers', 'maxWordLength', 'maxParagraphLength', 'maxTableColumns', 'maxPhotos', 'maxMegapixels', 'parseSeconds'],
  press: ['pdfx', 'profile', 'outputCondition', 'bleed', 'marks', 'tac', 'minPpi', 'spotColours'],
  grid: Object.keys(gridSchema.shape),
  'grid.trim': ['width', 'height'],
  'grid.margins': ['top', 'bottom', 'inside', 'outside'],
  'grid.body': ['size', 'leading'],
};
