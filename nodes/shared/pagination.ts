import type { IDataObject } from 'n8n-workflow';

export interface Page<TCursor> {
	items: IDataObject[];
	/** Where the next page starts; undefined/null/'' when this was the last page. */
	next?: TCursor | null;
}

export interface CollectOptions<TCursor> {
	limit?: number;
	maxPages?: number;
	onPage?: (items: IDataObject[]) => void;
	/** false: an empty page with a next cursor is followed (the server decides where the list ends). */
	emptyPageEnds?: boolean;
	/** What makes two cursors the same page (default: the cursor itself), e.g. a link without its host. */
	cursorKey?: (cursor: TCursor) => string;
	/** Called when the server hands out a cursor already followed; throw to refuse a list that may be short. */
	onRepeatedCursor?: (key: string, pagesRead: number, itemsRead: number) => void;
}

/**
 * The one pagination loop for all three styles (HAL `_links.next`, start-key cursors, page numbers): the
 * vendor supplies `fetchPage`, this loop appends in place (no quadratic copying), stops at `limit`, and refuses
 * to loop forever on a cursor the server repeats.
 */
export async function collectPages<TCursor>(
	fetchPage: (cursor: TCursor | undefined) => Promise<Page<TCursor>>,
	options: CollectOptions<TCursor> = {},
): Promise<IDataObject[]> {
	const out: IDataObject[] = [];
	const seen = new Set<string>();
	let cursor: TCursor | undefined;
	const limit = options.limit !== undefined && options.limit > 0 ? options.limit : Infinity;
	const keyOf = options.cursorKey ?? ((next: TCursor) => (typeof next === 'object' ? JSON.stringify(next) : String(next)));
	for (let pageNo = 0; pageNo < (options.maxPages ?? 1_000_000); pageNo++) {
		const page = await fetchPage(cursor);
		for (const item of page.items) {
			if (out.length >= limit) break;
			out.push(item);
		}
		options.onPage?.(page.items);
		if (out.length >= limit) break;
		if (page.next === undefined || page.next === null || page.next === '') break;
		if (page.items.length === 0 && options.emptyPageEnds !== false) break;
		const key = keyOf(page.next);
		if (seen.has(key)) {
			options.onRepeatedCursor?.(key, pageNo + 1, out.length);
			break;
		}
		seen.add(key);
		cursor = page.next;
	}
	return out;
}
