import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { checkDate, must, pathSegment } from '../../../shared';
import { simplifyOption } from '../../../shared/simplify';
import { listAllChecked } from '../../transport';
import { agentLocator, locatorValue, markIncomplete, returnAllAndLimit, runPerItem } from '../common';
import { SIMPLIFY_ON_FROM_VERSION, simplifyCall } from '../simplify';

const show = { resource: ['call'], operation: ['getAll'] };

export const CALL_STATUS_OPTIONS = [
	{ name: 'Answered', value: 'answered' },
	{ name: 'Busy', value: 'busy' },
	{ name: 'Completed', value: 'completed' },
	{ name: 'Failed', value: 'failed' },
	{ name: 'Initiated', value: 'initiated' },
	{ name: 'No Answer', value: 'no-answer' },
	{ name: 'Ringing', value: 'ringing' },
];

export const description: INodeProperties[] = [
	{
		displayName: 'Calls Of',
		name: 'scope',
		type: 'options',
		description: 'Whether to list the calls of every agent or of one agent',
		default: 'all',
		displayOptions: { show },
		options: [
			{ name: 'All Agents', value: 'all' },
			{ name: 'One Agent', value: 'agent' },
		],
	},
	{ ...agentLocator(), displayOptions: { show: { ...show, scope: ['agent'] } } },
	...returnAllAndLimit(show),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		options: [
			{ displayName: 'Created From', name: 'date_from', type: 'dateTime', default: '', description: 'Only calls from this day on' },
			{ displayName: 'Created To', name: 'date_to', type: 'dateTime', default: '', description: 'Only calls up to this day' },
			{
				displayName: 'Direction',
				name: 'direction',
				type: 'options',
				description: 'Only calls in this direction',
				default: 'outbound',
				options: [
					{ name: 'Inbound', value: 'inbound' },
					{ name: 'Outbound', value: 'outbound' },
				],
			},
			{ displayName: 'Search', name: 'search', type: 'string', default: '', description: 'Part of a phone number or call SID' },
			{ displayName: 'Status', name: 'status', type: 'options', default: 'completed', description: 'Only calls with this status', options: CALL_STATUS_OPTIONS },
		],
	},
	...simplifyOption(show, SIMPLIFY_ON_FROM_VERSION),
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runPerItem(this, {
		prepare(i) {
			const scope = this.getNodeParameter('scope', i, 'all') as string;
			const agentId = scope === 'agent' ? locatorValue(this, i, 'agentId', 'Agent') : undefined;
			const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
			const qs: IDataObject = {};
			for (const [k, v] of Object.entries(filters)) {
				if (v === '' || v === undefined || v === null) continue;
				if (k === 'date_from') qs[k] = must(this, i, 'Created From', checkDate(v));
				else if (k === 'date_to') qs[k] = must(this, i, 'Created To', checkDate(v));
				else qs[k] = v;
			}
			const returnAll = this.getNodeParameter('returnAll', i, false) as boolean;
			return { agentId, qs, limit: returnAll ? undefined : (this.getNodeParameter('limit', i, 50) as number), simplify: this.getNodeParameter('simplify', i, false) as boolean };
		},
		async run({ agentId, qs, limit, simplify }, i, gate) {
			const path = agentId ? `/agents/${pathSegment(agentId)}/calls` : '/calls';
			const read = await listAllChecked(this, path, qs, { limit, action: agentId ? `list calls of agent ${agentId}` : 'list calls', itemIndex: i, gate });
			const items = simplify ? read.items.map(simplifyCall) : read.items;
			return read.incomplete ? markIncomplete(this, i, 'The call list', items, read.incomplete) : items;
		},
	});
}
