import { describe, expect, it } from 'vitest';
import { currentCursor, firstPage, nextPage, pageIndex, previousPage, rowRange } from './cursor-pages';

describe('cursor paging', () => {
  it('walks forward with the cursors the server gives and back through those seen', () => {
    let s = firstPage;
    expect(currentCursor(s)).toBeNull();
    s = nextPage(s, '50');
    s = nextPage(s, '100');
    expect(currentCursor(s)).toBe('100');
    expect(pageIndex(s)).toBe(2);
    s = previousPage(s);
    expect(currentCursor(s)).toBe('50');
    s = previousPage(previousPage(s));
    expect(currentCursor(s)).toBeNull();
    expect(pageIndex(s)).toBe(0);
  });

  it('stays on the last page when there is no next cursor', () => {
    const s = nextPage(firstPage, '50');
    expect(nextPage(s, null)).toBe(s);
    expect(nextPage(s, undefined)).toBe(s);
  });

  it('numbers the rows of the page shown', () => {
    expect(rowRange(firstPage, 50, 50)).toBe('Rows 1–50');
    expect(rowRange(nextPage(firstPage, 'x'), 50, 7)).toBe('Rows 51–57');
    expect(rowRange(firstPage, 50, 0)).toBe('No rows');
    expect(rowRange(nextPage(firstPage, 'x'), 50, 0)).toBe('No more rows');
  });
});
