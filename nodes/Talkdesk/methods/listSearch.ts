import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { halItems, halNext, talkdeskRequest } from '../transport';

/** One page per call (the editor asks for more with paginationToken = Talkdesk's next link); filtered by name. */
async function search(
	ctx: ILoadOptionsFunctions,
	path: string,
	key: string,
	scope: string,
	what: string,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const needle = (filter ?? '').toLowerCase();
	const body = await talkdeskRequest<IDataObject>(ctx, {
		method: 'GET',
		path: paginationToken ?? path,
		qs: paginationToken ? undefined : { page: 1, per_page: 250 },
		action: `list ${what}`,
		scope,
	});
	const results = halItems(body, key)
		.filter((x) => !needle || String(x.name ?? '').toLowerCase().includes(needle) || String(x.id ?? '') === filter)
		.map((x) => ({
			name: x.status ? `${String(x.name)} (${String(x.status).toLowerCase()})` : String(x.name ?? x.id),
			value: String(x.id),
		}));
	return { results, paginationToken: halNext(body, path, 250) };
}

export async function searchCampaigns(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return await search(this, '/campaigns', 'campaigns', 'campaigns:read', 'campaigns', filter, paginationToken);
}

export async function searchRecordLists(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return await search(this, '/record-lists', 'record_lists', 'record-lists:manage', 'record lists', filter, paginationToken);
}

export async function searchDoNotCallLists(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return await search(this, '/do-not-call-lists', 'do_not_call_lists', 'do-not-call-lists:manage', 'do-not-call lists', filter, paginationToken);
}
