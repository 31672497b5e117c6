import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { collection, executePerItem } from '../../../shared';
import { getPortal, getQueues } from '../../transport';
import { readLimit, returnAllAndLimit } from '../common';

export const description: INodeProperties[] = [
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		default: 'queue',
		options: [
			{
				name: 'One Item per Agent',
				value: 'agent',
				description: 'Each agent of each queue, with the queue ID, name and extension attached',
			},
			{
				name: 'One Item per Queue',
				value: 'queue',
				description: 'Each queue with its agent counts (logged in, idle, on call…) and its agents',
			},
		],
	},
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: false,
		description: 'Whether to leave out the list of agents and keep only the queue and its agent counts',
		displayOptions: { show: { output: ['queue'] } },
	},
	...returnAllAndLimit(),
	{
		...collection('filters'),
		options: [
			{
				displayName: 'Queue Names or IDs',
				name: 'queues',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getQueues' },
				default: [],
				description:
					'Only these queues. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
		],
	},
];

const QUEUE_FIELDS = ['id', 'name', 'extension'];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await (executePerItem<{ output: string; simplify: boolean; limit: number | undefined; queues: string[] }>).call(this, {
		prepare(i) {
			const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
			return {
				output: this.getNodeParameter('output', i, 'queue') as string,
				simplify: this.getNodeParameter('simplify', i, false) as boolean,
				limit: readLimit(this, i),
				queues: ((filters.queues as string[]) ?? []).map(String),
			};
		},
		async run(p, i) {
			const portal = await getPortal(this);
			let queues = await getQueues(this, portal, i);
			if (p.queues.length) queues = queues.filter((q) => p.queues.includes(String(q.id)) || p.queues.includes(String(q.name)));
			let out: IDataObject[];
			if (p.output === 'agent') {
				out = [];
				for (const q of queues) {
					const queueFields: IDataObject = {};
					for (const k of QUEUE_FIELDS) queueFields[`queue_${k}`] = q[k];
					for (const agent of (q.agents as IDataObject[]) ?? []) out.push({ ...agent, ...queueFields });
				}
			} else {
				out = p.simplify ? queues.map(({ agents, ...queue }) => ({ ...queue, agent_ids: ((agents as IDataObject[]) ?? []).map((a) => a.id) })) : queues;
			}
			return p.limit === undefined ? out : out.slice(0, p.limit);
		},
	});
}
