// One name for a photo however the manuscript and the HTML spell it: `images/park photo.jpg` (CommonMark's `<…>`
// form), `images/park%20photo.jpg` (percent-encoded) and the HTML's encoded `src` all name the same file. Percent
// escapes are decoded exactly once and the result is Unicode NFC, so `café` typed on any system is one name.

/** The photo's path as a key: query and fragment dropped, %-escapes decoded once, NFC. Undefined for a broken escape. */
export function photoKey(url: string): string | undefined {
  const path = url.split(/[?#]/)[0] ?? '';
  try {
    return decodeURIComponent(path).normalize('NFC');
  } catch {
    return undefined;
  }
}
