// How Ghostscript writes the photos of the press and archive copies: resolution kept to what print uses, quality kept high.

/** Photos are kept at this resolution at their placed size: what newsprint's screens can use, with room to spare. */
export const pressImagePpi = 300;

/**
 * Photos far above the press's need (1.5 × 300 ppi at their placed size: a 48 MP photo set two columns wide) are
 * downsampled to 300 ppi, bicubic; photos Ghostscript writes as JPEG get Distiller's prepress quality (QFactor
 * 0.15), not its default 0.9, which is made for the screen.
 */
export function imageSettings(): string {
  const dict = '<< /QFactor 0.15 /Blend 1 /HSamples [1 1 1 1] /VSamples [1 1 1 1] >>';
  const kind = (name: string) =>
    `/Downsample${name}Images true /${name}ImageDownsampleType /Bicubic /${name}ImageResolution ${pressImagePpi} /${name}ImageDownsampleThreshold 1.5 /${name}ACSImageDict ${dict} /${name}ImageDict ${dict}`;
  return `%!\n<< ${kind('Color')} ${kind('Gray')} >> setdistillerparams\n`;
}

