import type { IDataObject } from 'n8n-workflow';

export interface Page<TCursor> {
	items: IDataObject[];
	/** Where the next page starts; undefined/null/'' when this was the last page. */
	next?: TCursor | null;
}

/**
 * The one pagination loop for all three styles (HAL `_links.next`, start-key cursors, page numbers): the
 * vendor supplies `fetchPage`, this loop appends in place (no quadratic copying), stops at `limit`, and refuses
 * to loop forever on a cursor the server repeats.
 */
export async function collectPages<TCursor>(
	fetchPage: (cursor: TCursor | undefined) => Promise<Page<TCursor>>,
	options: { limit?: number; maxPages?: number; onPage?: (items: IDataObject[]) => void } = {},
): Promise<IDataObject[]> {
	const out: IDataObject[] = [];
	const seen = new Set<string>();
	let cursor: TCursor | undefined;
	const limit = options.limit !== undefined && options.limit > 0 ? options.limit : Infinity;
	for (let pageNo = 0; pageNo < (options.maxPages ?? 1_000_000); pageNo++) {
		const page = await fetchPage(cursor);
		for (const item of page.items) {
			if (out.length >= limit) break;
			out.push(item);
		}
		options.onPage?.(page.items);
		if (out.length >= limit) break;
		if (page.next === undefined || page.next === null || page.next === '' || page.items.length === 0) break;
		const key = typeof page.next === 'object' ? JSON.stringify(page.next) : String(page.next);
		if (seen.has(key)) break;
		seen.add(key);
		cursor = page.next;
	}
	return out;
}
