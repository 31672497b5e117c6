import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { MAX_PER_PAGE, talkoverRequest } from '../transport';

async function search(
	ctx: ILoadOptionsFunctions,
	path: string,
	what: string,
	filter: string | undefined,
	paginationToken: string | undefined,
	describe: (item: IDataObject) => string,
): Promise<INodeListSearchResult> {
	const page = paginationToken ? Number(paginationToken) : 1;
	const qs: IDataObject = { page, per_page: MAX_PER_PAGE };
	if (filter) qs.search = filter;
	const response = await talkoverRequest<IDataObject>(ctx, { method: 'GET', path, qs, action: `list ${what}` });
	const items = Array.isArray(response.data) ? (response.data as IDataObject[]) : [];
	const pagination = (response.pagination ?? {}) as IDataObject;
	const more = Number(pagination.current_page ?? page) < Number(pagination.last_page ?? page);
	return {
		results: items.map((item) => ({ name: describe(item), value: String(item.id) })),
		paginationToken: more ? String(page + 1) : undefined,
	};
}

export async function searchCampaigns(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return await search(this, '/campaigns', 'campaigns', filter, paginationToken, (c) => `${String(c.name)} (${String(c.status)})`);
}

export async function searchAgents(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return await search(this, '/agents', 'agents', filter, paginationToken, (a) => (a.label && a.label !== a.name ? `${String(a.name)} — ${String(a.label)}` : String(a.name)));
}
