// What the reader sees, read from page screenshots (the browser's composited pixels,
// not the canvas buffer): PNG decoding, colour contrast (WCAG 2), ink in a region,
// and OCR through Debian's tesseract.
//
// [SECTION] PNG decoding
// [SECTION] Colour and contrast
// [SECTION] Regions of a screenshot
// [SECTION] OCR
import { execFileSync } from 'node:child_process';
import { inflateSync } from 'node:zlib';

//-----------------------------------------------------------------------------
// [SECTION] PNG decoding
//-----------------------------------------------------------------------------

// Decodes the PNGs Chromium writes (8-bit RGB or RGBA, not interlaced) into
// {width, height, rgba}. Throws on anything else: a test must not guess.
export function decodePng(buffer) {
  const signature = '89504e470d0a1a0a';
  if (buffer.subarray(0, 8).toString('hex') !== signature) throw new Error('not a PNG');
  let offset = 8;
  let width = 0, height = 0, channels = 0;
  const idat = [];
  while (offset < buffer.length) {
    const length = buffer.readUInt32BE(offset);
    const type = buffer.toString('latin1', offset + 4, offset + 8);
    const data = buffer.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      const [depth, colour, , , interlace] = data.subarray(8, 13);
      if (depth !== 8 || interlace !== 0 || (colour !== 2 && colour !== 6)) {
        throw new Error(`unsupported PNG (depth ${depth}, colour type ${colour}, interlace ${interlace})`);
      }
      channels = colour === 6 ? 4 : 3;
    } else if (type === 'IDAT') {
      idat.push(data);
    } else if (type === 'IEND') {
      break;
    }
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const out = pixels.subarray(y * stride, (y + 1) * stride);
    const up = y > 0 ? pixels.subarray((y - 1) * stride, y * stride) : null;
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? out[x - channels] : 0;
      const b = up ? up[x] : 0;
      const c = up && x >= channels ? up[x - channels] : 0;
      let value = line[x];
      if (filter === 1) value += a;
      else if (filter === 2) value += b;
      else if (filter === 3) value += (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
        value += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      out[x] = value & 0xff;
    }
  }
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0, j = 0; i < width * height; i++, j += channels) {
    rgba[i * 4] = pixels[j];
    rgba[i * 4 + 1] = pixels[j + 1];
    rgba[i * 4 + 2] = pixels[j + 2];
    rgba[i * 4 + 3] = channels === 4 ? pixels[j + 3] : 255;
  }
  return { width, height, rgba };
}

//-----------------------------------------------------------------------------
// [SECTION] Colour and contrast
//-----------------------------------------------------------------------------

// WCAG 2 relative luminance of an sRGB colour [r, g, b] (0-255).
export function luminance([r, g, b]) {
  const channel = (v) => {
    const c = v / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

export function contrastRatio(a, b) {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

//-----------------------------------------------------------------------------
// [SECTION] Regions of a screenshot
//-----------------------------------------------------------------------------

// Facts about a rectangle of a decoded screenshot, given in CSS pixels (scaled by
// `ratio`, the devicePixelRatio the screenshot was taken at):
//   background  the most common colour
//   ink         the fraction of pixels that stand out from it (contrast > 1.5)
//   contrast    the text's contrast against the background: the 90th percentile of
//               the ink pixels' contrast, so anti-aliased edges do not pull it down
//               and a few stray pixels cannot pull it up
export function region(image, rect, ratio = 1) {
  const x0 = Math.max(0, Math.floor(rect.x * ratio));
  const y0 = Math.max(0, Math.floor(rect.y * ratio));
  const x1 = Math.min(image.width, Math.ceil((rect.x + rect.width) * ratio));
  const y1 = Math.min(image.height, Math.ceil((rect.y + rect.height) * ratio));
  const counts = new Map();
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * image.width + x) * 4;
      const key = (image.rgba[i] << 16) | (image.rgba[i + 1] << 8) | image.rgba[i + 2];
      counts.set(key, (counts.get(key) || 0) + 1);
    }
  }
  let backgroundKey = 0, best = -1;
  for (const [key, n] of counts) if (n > best) { best = n; backgroundKey = key; }
  const background = [backgroundKey >> 16, (backgroundKey >> 8) & 0xff, backgroundKey & 0xff];
  const backgroundLum = luminance(background);
  const inkContrasts = [];
  let total = 0;
  for (const [key, n] of counts) {
    total += n;
    const lum = luminance([key >> 16, (key >> 8) & 0xff, key & 0xff]);
    const ratioToBackground = (Math.max(lum, backgroundLum) + 0.05) / (Math.min(lum, backgroundLum) + 0.05);
    if (ratioToBackground > 1.5) inkContrasts.push([ratioToBackground, n]);
  }
  inkContrasts.sort((a, b) => a[0] - b[0]);
  const inkPixels = inkContrasts.reduce((sum, [, n]) => sum + n, 0);
  let contrast = 1;
  for (let k = 0, seen = 0; k < inkContrasts.length; k++) {
    seen += inkContrasts[k][1];
    if (seen >= inkPixels * 0.9) { contrast = inkContrasts[k][0]; break; }
  }
  return { background, backgroundLuminance: backgroundLum, ink: total ? inkPixels / total : 0, contrast };
}

// Asserts-ready summary of a whole screenshot: is anything there at all?
export function wholeImage(image) {
  return region(image, { x: 0, y: 0, width: image.width, height: image.height }, 1);
}

//-----------------------------------------------------------------------------
// [SECTION] OCR
//-----------------------------------------------------------------------------

// The Japanese text tesseract reads from a PNG buffer, with all white space removed
// (it puts spaces between CJK characters and breaks lines where we wrapped).
export function readJapanese(png) {
  const text = execFileSync('tesseract', ['stdin', 'stdout', '-l', 'jpn', '--psm', '6'], {
    input: png, stdio: ['pipe', 'pipe', 'ignore'],
  }).toString('utf8');
  return text.replace(/\s+/g, '');
}

// Edit distance, to accept the odd misread character (が/か) but not a wrong text.
export function editDistance(a, b) {
  const x = Array.from(a), y = Array.from(b);
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++) {
      row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    previous = row;
  }
  return previous[y.length];
}
