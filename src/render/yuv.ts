/**
 * RGBA → I420 in limited-range BT.709, the colour format the MP4 is tagged with.
 * Doing it ourselves makes the encoder's input exact and the same on every run.
 */
export function rgbaToI420(rgba: Uint8ClampedArray, width: number, height: number, out: Uint8Array): void {
  const cw = width >> 1;
  const ch = height >> 1;
  const uBase = width * height;
  const vBase = uBase + cw * ch;
  // Y = 16 + 219·(0.2126 R + 0.7152 G + 0.0722 B)/255, in 16.16 fixed point.
  const yr = Math.round(((0.2126 * 219) / 255) * 65536);
  const yg = Math.round(((0.7152 * 219) / 255) * 65536);
  const yb = Math.round(((0.0722 * 219) / 255) * 65536);
  for (let i = 0, p = 0; i < uBase; i++, p += 4) {
    out[i] = (yr * rgba[p] + yg * rgba[p + 1] + yb * rgba[p + 2] + (16 << 16) + 32768) >> 16;
  }
  // Cb = 128 + 224·(B − Y)/(1.8556·255), Cr = 128 + 224·(R − Y)/(1.5748·255), from 2×2 averages.
  const k = 224 / 255;
  const ur = Math.round((-0.2126 / 1.8556) * k * 65536);
  const ug = Math.round((-0.7152 / 1.8556) * k * 65536);
  const ub = Math.round(0.5 * k * 65536);
  const vr = Math.round(0.5 * k * 65536);
  const vg = Math.round((-0.7152 / 1.5748) * k * 65536);
  const vb = Math.round((-0.0722 / 1.5748) * k * 65536);
  const row = width * 4;
  for (let y = 0; y < ch; y++) {
    for (let x = 0; x < cw; x++) {
      const p = y * 2 * row + x * 8;
      const r = rgba[p] + rgba[p + 4] + rgba[p + row] + rgba[p + row + 4];
      const g = rgba[p + 1] + rgba[p + 5] + rgba[p + row + 1] + rgba[p + row + 5];
      const b = rgba[p + 2] + rgba[p + 6] + rgba[p + row + 2] + rgba[p + row + 6];
      const c = y * cw + x;
      // Sums of four pixels: divide by 4 (>> 2) along with the fixed point.
      out[uBase + c] = (ur * r + ug * g + ub * b + (128 << 18) + (1 << 17)) >> 18;
      out[vBase + c] = (vr * r + vg * g + vb * b + (128 << 18) + (1 << 17)) >> 18;
    }
  }
}
