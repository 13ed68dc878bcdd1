// Paging through a list the server pages with opaque cursors, oldest first: the cursors of the
// pages seen are kept, so "previous" needs no cursor the server does not give.

export type CursorPages = { cursors: (string | null)[] };

export const firstPage: CursorPages = { cursors: [null] };

/** The cursor of the page shown (null: the first page). */
export function currentCursor(state: CursorPages): string | null {
  return state.cursors[state.cursors.length - 1] ?? null;
}

/** 0 for the first page. */
export function pageIndex(state: CursorPages): number {
  return state.cursors.length - 1;
}

export function nextPage(state: CursorPages, nextCursor: string | null | undefined): CursorPages {
  return nextCursor ? { cursors: [...state.cursors, nextCursor] } : state;
}

export function previousPage(state: CursorPages): CursorPages {
  return state.cursors.length > 1 ? { cursors: state.cursors.slice(0, -1) } : state;
}

/** "Rows 51–100" of a page of `shown` rows of `size`. */
export function rowRange(state: CursorPages, size: number, shown: number): string {
  if (shown === 0) return pageIndex(state) === 0 ? 'No rows' : 'No more rows';
  const first = pageIndex(state) * size + 1;
  return `Rows ${first.toLocaleString('en')}–${(first + shown - 1).toLocaleString('en')}`;
}
