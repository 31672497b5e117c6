import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { listAll } from '../transport';

export async function getAgents(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const agents = await listAll(this, '/agents', {}, { action: 'list agents' });
	return agents
		.map((a) => ({ name: String(a.name ?? a.id), value: String(a.id), description: a.label ? String(a.label) : undefined }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

export async function getCampaigns(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const campaigns = await listAll(this, '/campaigns', {}, { action: 'list campaigns' });
	return campaigns
		.map((c) => ({ name: `${String(c.name ?? c.id)} (${String(c.status)})`, value: String(c.id) }))
		.sort((a, b) => a.name.localeCompare(b.name));
}
