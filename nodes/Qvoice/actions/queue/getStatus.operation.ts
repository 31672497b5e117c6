import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { collection, executePerItem, simplifyOption } from '../../../shared';
import { getPortal, getQueues } from '../../transport';
import { readLimit, returnAllAndLimit, simplifyQueue, simplifyQueueAgent } from '../common';

export const description: INodeProperties[] = [
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		description: 'Whether each output item is a queue or an agent of a queue',
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
	...simplifyOption(),
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

const QUEUE_KEYS_ON_AGENTS = ['id', 'name', 'extension'];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await (executePerItem<{ output: string; simplify: boolean; limit: number | undefined; queues: string[] }>).call(this, {
		prepare(i) {
			const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
			return {
				output: this.getNodeParameter('output', i, 'queue') as string,
				simplify: this.getNodeParameter('simplify', i, true) as boolean,
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
					for (const k of QUEUE_KEYS_ON_AGENTS) queueFields[`queue_${k}`] = q[k];
					for (const agent of (q.agents as IDataObject[]) ?? []) {
						const item = { ...agent, ...queueFields };
						out.push(p.simplify ? simplifyQueueAgent(item) : item);
					}
				}
			} else {
				out = p.simplify ? queues.map(simplifyQueue) : queues;
			}
			return p.limit === undefined ? out : out.slice(0, p.limit);
		},
	});
}
