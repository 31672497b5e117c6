import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { getCampaigns, getPortal } from '../transport';

export async function searchCampaigns(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const portal = await getPortal(this);
	const campaigns = await getCampaigns(this, portal);
	const needle = (filter ?? '').trim().toLowerCase();
	const results = campaigns
		.filter((c) => !needle || c.name.toLowerCase().includes(needle) || c.id.toLowerCase().includes(needle))
		.sort((a, b) => a.name.localeCompare(b.name))
		.map((c) => ({ name: `${c.name} (${c.status}, ${c.total_leads} leads)`, value: c.id }));
	return { results };
}
