import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { collection, pathSegment, simplifyOption } from '../../../shared';
import { agentLocator, byVersion, directionFilter, filterQuery, readLimit, readList, readLocatorValue, returnAllAndLimit, runPerItem } from '../common';
import { SIMPLIFY_ON_FROM_VERSION, simplifyCall } from '../simplify';

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
		options: [
			{ name: 'All Agents', value: 'all' },
			{ name: 'One Agent', value: 'agent' },
		],
	},
	{ ...agentLocator(), displayOptions: { show: { scope: ['agent'] } } },
	...returnAllAndLimit(),
	...byVersion({
		...collection('filters'),
		options: [
			{ displayName: 'Created From', name: 'date_from', type: 'dateTime', default: '', description: 'Only calls from this day on' },
			{ displayName: 'Created To', name: 'date_to', type: 'dateTime', default: '', description: 'Only calls up to this day' },
			{ ...directionFilter, description: 'Only calls in this direction' },
			{ displayName: 'Search', name: 'search', type: 'string', default: '', description: 'Part of a phone number or call SID' },
			{ displayName: 'Status', name: 'status', type: 'options', default: 'completed', description: 'Only calls with this status', options: CALL_STATUS_OPTIONS },
		],
	}),
	...simplifyOption(SIMPLIFY_ON_FROM_VERSION),
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runPerItem(this, {
		prepare(i) {
			const scope = this.getNodeParameter('scope', i, 'all') as string;
			const agentId = scope === 'agent' ? readLocatorValue(this, i, 'agentId', 'Agent') : undefined;
			return { agentId, qs: filterQuery(this, i, this.getNodeParameter('filters', i, {}) as IDataObject), limit: readLimit(this, i), simplify: this.getNodeParameter('simplify', i, false) as boolean };
		},
		async run({ agentId, qs, limit, simplify }, i, gate) {
			const path = agentId ? `/agents/${pathSegment(agentId)}/calls` : '/calls';
			const action = agentId ? `list calls of agent ${agentId}` : 'list calls';
			return await readList(this, path, qs, { limit, action, what: 'The call list', itemIndex: i, gate, map: simplify ? simplifyCall : undefined });
		},
	});
}
