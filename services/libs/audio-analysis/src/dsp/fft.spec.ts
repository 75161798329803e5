import { ComplexFft, RealFft } from './fft';

/** The DFT by definition, for reference. */
function dft(re: number[], im: number[]): [number[], number[]] {
  const n = re.length;
  const outRe: number[] = [];
  const outIm: number[] = [];
  for (let k = 0; k < n; k++) {
    let sr = 0;
    let si = 0;
    for (let j = 0; j < n; j++) {
      const a = (-2 * Math.PI * k * j) / n;
      sr += re[j]! * Math.cos(a) - im[j]! * Math.sin(a);
      si += re[j]! * Math.sin(a) + im[j]! * Math.cos(a);
    }
    outRe.push(sr);
    outIm.push(si);
  }
  return [outRe, outIm];
}

const noise = (n: number, seed: number) => Array.from({ length: n }, (_, i) => Math.sin(seed * 12.9898 + i * 78.233) * 0.7);

describe('FFT', () => {
  it.each([4, 8, 64, 256])('matches the DFT at size %d, and inverts', (n) => {
    const re = noise(n, 1);
    const im = noise(n, 2);
    const [expectRe, expectIm] = dft(re, im);
    const fft = new ComplexFft(n);
    const r = Float64Array.from(re);
    const i = Float64Array.from(im);
    fft.forward(r, i);
    for (let k = 0; k < n; k++) {
      expect(r[k]).toBeCloseTo(expectRe[k]!, 9);
      expect(i[k]).toBeCloseTo(expectIm[k]!, 9);
    }
    fft.inverse(r, i);
    for (let k = 0; k < n; k++) {
      expect(r[k]).toBeCloseTo(re[k]!, 12);
      expect(i[k]).toBeCloseTo(im[k]!, 12);
    }
  });

  it.each([8, 32, 512])('transforms a real signal of size %d through half a complex FFT, and back', (n) => {
    const x = noise(n, 3);
    const [expectRe, expectIm] = dft(x, new Array<number>(n).fill(0));
    const fft = new RealFft(n);
    const re = new Float64Array(n / 2 + 1);
    const im = new Float64Array(n / 2 + 1);
    fft.forward(x, re, im);
    for (let k = 0; k <= n / 2; k++) {
      expect(re[k]).toBeCloseTo(expectRe[k]!, 9);
      expect(im[k]).toBeCloseTo(expectIm[k]!, 9);
    }
    const back = new Float64Array(n);
    fft.inverse(re, im, back);
    for (let k = 0; k < n; k++) expect(back[k]).toBeCloseTo(x[k]!, 12);
  });

  it('refuses sizes that are not powers of two', () => {
    expect(() => new ComplexFft(12)).toThrow(RangeError);
    expect(() => new RealFft(4)).toThrow(RangeError);
  });
});
