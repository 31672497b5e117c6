import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { getCampaigns, getPortal, getQueues } from '../transport';

export async function getCampaignOptions(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const portal = await getPortal(this);
	const campaigns = await getCampaigns(this, portal);
	return campaigns
		.sort((a, b) => a.name.localeCompare(b.name))
		.map((c) => ({ name: c.name, value: c.id, description: `${c.status}, ${c.total_leads} leads` }));
}

export async function getQueueOptions(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const portal = await getPortal(this);
	const queues = await getQueues(this, portal);
	return queues
		.map((q) => ({ name: `${String(q.name)} (ext. ${String(q.extension)})`, value: String(q.id) }))
		.sort((a, b) => a.name.localeCompare(b.name));
}
