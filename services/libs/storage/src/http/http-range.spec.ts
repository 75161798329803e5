import { parseRangeHeader } from './http-range';

describe('parseRangeHeader', () => {
  it.each([
    ['bytes=0-9', { start: 0, end: 9 }],
    ['bytes=10-', { start: 10, end: 99 }],
    ['bytes=-10', { start: 90, end: 99 }],
    ['bytes=-500', { start: 0, end: 99 }],
    ['bytes=95-500', { start: 95, end: 99 }],
  ])('reads %s of a 100-byte object', (header, range) => {
    expect(parseRangeHeader(header, 100)).toEqual(range);
  });

  it.each(['bytes=100-', 'bytes=200-300', 'bytes=-0'])('finds %s unsatisfiable for 100 bytes', (header) => {
    expect(parseRangeHeader(header, 100)).toBeNull();
  });

  it('finds any range of an empty object unsatisfiable', () => {
    expect(parseRangeHeader('bytes=0-', 0)).toBeNull();
    expect(parseRangeHeader('bytes=-1', 0)).toBeNull();
  });

  it.each([undefined, 'items=0-1', 'bytes=0-1,3-4', 'bytes=5-2', 'bytes=-', 'bytes=a-b'])('ignores %s and serves the whole object', (header) => {
    expect(parseRangeHeader(header, 100)).toBeUndefined();
  });
});
