/**
 * Draws captcha answers as SVG. Characters are stroked paths, not <text>: text in the markup would
 * hand the answer to any script. Each glyph is distorted (scale, rotation, skew, per-point jitter)
 * and mixed with noise curves of the same stroke style.
 */

/** No 0/O, 1/I/L: characters people confuse in a distorted image. */
export const CAPTCHA_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

type Point = readonly [number, number];

/** Stroke font on a 4 × 6 grid (x right, y down); each glyph is a list of polylines. */
const GLYPHS: Readonly<Record<string, ReadonlyArray<ReadonlyArray<Point>>>> = {
  '2': [[[0, 1], [1, 0], [3, 0], [4, 1], [4, 2], [0, 6], [4, 6]]],
  '3': [[[0, 0], [4, 0], [2, 2.5], [3.5, 3], [4, 4.5], [3, 6], [1, 6], [0, 5]]],
  '4': [[[3, 6], [3, 0], [0, 4], [4, 4]]],
  '5': [[[4, 0], [0, 0], [0, 2.5], [3, 2.5], [4, 3.5], [4, 5], [3, 6], [0, 6]]],
  '6': [[[3.5, 0], [1, 1], [0, 3], [0, 5], [1, 6], [3, 6], [4, 5], [4, 3.5], [3, 2.8], [1, 2.8], [0, 3.8]]],
  '7': [[[0, 0], [4, 0], [1.5, 6]]],
  '8': [[[2, 3], [0.5, 2.2], [0.5, 0.8], [2, 0], [3.5, 0.8], [3.5, 2.2], [2, 3], [0, 4], [0, 5.3], [2, 6], [4, 5.3], [4, 4], [2, 3]]],
  '9': [[[4, 3], [3, 3.8], [1, 3.8], [0, 2.8], [0, 1], [1, 0], [3, 0], [4, 1], [4, 4], [3, 5.5], [0.5, 6]]],
  A: [[[0, 6], [2, 0], [4, 6]], [[0.8, 3.8], [3.2, 3.8]]],
  B: [[[0, 3], [3, 3], [4, 4], [4, 5], [3, 6], [0, 6], [0, 0], [3, 0], [3.8, 0.8], [3.8, 2.2], [3, 3]]],
  C: [[[4, 0.8], [3, 0], [1, 0], [0, 1.2], [0, 4.8], [1, 6], [3, 6], [4, 5.2]]],
  D: [[[0, 0], [0, 6], [2.5, 6], [4, 4.5], [4, 1.5], [2.5, 0], [0, 0]]],
  E: [[[4, 0], [0, 0], [0, 6], [4, 6]], [[0, 3], [3, 3]]],
  F: [[[4, 0], [0, 0], [0, 6]], [[0, 3], [3, 3]]],
  G: [[[4, 1], [3, 0], [1, 0], [0, 1.2], [0, 4.8], [1, 6], [3, 6], [4, 5], [4, 3.5], [2.2, 3.5]]],
  H: [[[0, 0], [0, 6]], [[4, 0], [4, 6]], [[0, 3], [4, 3]]],
  J: [[[1, 0], [4, 0]], [[3, 0], [3, 5], [2, 6], [1, 6], [0, 5]]],
  K: [[[0, 0], [0, 6]], [[4, 0], [0, 3.5]], [[1.3, 2.6], [4, 6]]],
  M: [[[0, 6], [0, 0], [2, 3.5], [4, 0], [4, 6]]],
  N: [[[0, 6], [0, 0], [4, 6], [4, 0]]],
  P: [[[0, 6], [0, 0], [3, 0], [4, 1], [4, 2.2], [3, 3.2], [0, 3.2]]],
  Q: [[[2, 0], [0.5, 0.8], [0, 3], [0.5, 5.2], [2, 6], [3.5, 5.2], [4, 3], [3.5, 0.8], [2, 0]], [[2.5, 4.5], [4, 6.2]]],
  R: [[[0, 6], [0, 0], [3, 0], [4, 1], [4, 2.2], [3, 3.2], [0, 3.2]], [[2, 3.2], [4, 6]]],
  S: [[[4, 0.8], [3, 0], [1, 0], [0, 1], [0, 2], [1, 2.8], [3, 3.2], [4, 4], [4, 5], [3, 6], [1, 6], [0, 5.2]]],
  T: [[[0, 0], [4, 0]], [[2, 0], [2, 6]]],
  U: [[[0, 0], [0, 5], [1, 6], [3, 6], [4, 5], [4, 0]]],
  V: [[[0, 0], [2, 6], [4, 0]]],
  W: [[[0, 0], [1, 6], [2, 2], [3, 6], [4, 0]]],
  X: [[[0, 0], [4, 6]], [[4, 0], [0, 6]]],
  Y: [[[0, 0], [2, 3], [4, 0]], [[2, 3], [2, 6]]],
  Z: [[[0, 0], [4, 0], [0, 6], [4, 6]]],
};

export const CAPTCHA_WIDTH = 120;
export const CAPTCHA_HEIGHT = 40;

/** Visual noise only; the answer itself comes from the CSPRNG (CaptchaService). */
type Random = () => number;

const between = (random: Random, min: number, max: number) => min + random() * (max - min);
const fmt = (n: number) => n.toFixed(1);

function darkColor(random: Random): string {
  return `hsl(${Math.floor(random() * 360)},${Math.floor(between(random, 45, 75))}%,${Math.floor(between(random, 22, 40))}%)`;
}

function glyphPaths(char: string, centreX: number, random: Random): string[] {
  const glyph = GLYPHS[char];
  if (!glyph) throw new RangeError(`no captcha glyph for "${char}"`);
  const scale = between(random, 3.6, 4.4);
  const angle = (between(random, -25, 25) * Math.PI) / 180;
  const skew = between(random, -0.25, 0.25);
  const centreY = CAPTCHA_HEIGHT / 2 + between(random, -3, 3);
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const colour = darkColor(random);
  const width = fmt(between(random, 2.2, 2.8));
  return glyph.map((line) => {
    const d = line
      .map(([gx, gy], i) => {
        // Centre the glyph on (0, 0), distort, then rotate into place.
        const x = (gx - 2 + between(random, -0.18, 0.18)) * scale + skew * (gy - 3) * scale;
        const y = (gy - 3 + between(random, -0.18, 0.18)) * scale;
        return `${i === 0 ? 'M' : 'L'}${fmt(centreX + x * cos - y * sin)} ${fmt(centreY + x * sin + y * cos)}`;
      })
      .join('');
    return `<path d="${d}" stroke="${colour}" stroke-width="${width}" fill="none" stroke-linecap="round" stroke-linejoin="round"/>`;
  });
}

function noiseCurve(random: Random): string {
  const y = () => fmt(between(random, 4, CAPTCHA_HEIGHT - 4));
  const d = `M${fmt(between(random, 0, 15))} ${y()}C${fmt(between(random, 20, 50))} ${y()} ${fmt(between(random, 70, 100))} ${y()} ${fmt(between(random, 105, CAPTCHA_WIDTH))} ${y()}`;
  return `<path d="${d}" stroke="${darkColor(random)}" stroke-width="${fmt(between(random, 0.8, 1.6))}" fill="none" stroke-linecap="round"/>`;
}

function noiseDot(random: Random): string {
  return `<circle cx="${fmt(between(random, 0, CAPTCHA_WIDTH))}" cy="${fmt(between(random, 0, CAPTCHA_HEIGHT))}" r="${fmt(between(random, 0.6, 1.4))}" fill="${darkColor(random)}"/>`;
}

export function renderCaptchaSvg(answer: string, random: Random = Math.random): string {
  const cell = (CAPTCHA_WIDTH - 16) / answer.length;
  const shapes = [
    ...Array.from(answer).flatMap((char, i) => glyphPaths(char, 8 + cell * (i + 0.5) + between(random, -2, 2), random)),
    ...Array.from({ length: 4 }, () => noiseCurve(random)),
  ];
  // Shuffled, so a path's place in the markup does not tell a glyph stroke from noise.
  for (let i = shapes.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [shapes[i], shapes[j]] = [shapes[j]!, shapes[i]!];
  }
  const dots = Array.from({ length: 30 }, () => noiseDot(random));
  const background = `hsl(${Math.floor(random() * 360)},40%,93%)`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CAPTCHA_WIDTH}" height="${CAPTCHA_HEIGHT}" viewBox="0 0 ${CAPTCHA_WIDTH} ${CAPTCHA_HEIGHT}">` +
    `<rect width="100%" height="100%" fill="${background}"/>${dots.join('')}${shapes.join('')}</svg>`
  );
}
