import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { executePerItem, inputError, pathSegment, QVOICE_THROUGHPUT, readThroughputOptions, requiredText, throughputCollection } from '../../../shared';
import type { Portal } from '../../transport';
import { getPortal, qvoiceRequest } from '../../transport';
import { requiredId } from '../common';

export const description: INodeProperties[] = [
	requiredText('Lead ID', 'leadId', 'e.g. 210ea5d942f41744f1ef37e84a59878d', 'The ID of the lead (from Lead → Get Many or the portal)'),
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		default: 'new',
		description: 'The new status. "New" makes the dialer call the lead again.',
		options: [
			{ name: 'Custom', value: '__custom', description: 'A status your portal knows that is not in this list' },
			{ name: 'Failed', value: 'failed' },
			{ name: 'New', value: 'new' },
			{ name: 'Success', value: 'success' },
		],
	},
	{
		displayName: 'Custom Status',
		name: 'customStatus',
		type: 'string',
		default: '',
		placeholder: 'e.g. callback',
		description: 'The status value exactly as your portal names it (letters, digits, - and _)',
		displayOptions: { show: { status: ['__custom'] } },
	},
	throughputCollection(QVOICE_THROUGHPUT, undefined),
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	let portal: Portal | undefined;
	return await (executePerItem<{ leadId: string; status: string }>).call(this, {
		identify: ({ leadId, status }) => ({ leadId, status }),
		prepare(i) {
			const leadId = requiredId(this, i, 'leadId', 'Lead ID', '210ea5d942f41744f1ef37e84a59878d');
			let status = this.getNodeParameter('status', i) as string;
			if (status === '__custom') {
				status = String(this.getNodeParameter('customStatus', i, '') ?? '').trim();
				if (!/^[A-Za-z0-9_-]{1,32}$/.test(status)) {
					throw inputError(this, i, 'Custom Status', status ? `"${status}" is not a valid status` : 'is empty', 'Use letters, digits, - and _ only, e.g. callback.');
				}
			}
			return { leadId, status };
		},
		async run(p, i, gate) {
			portal = portal ?? (await getPortal(this));
			const response = await qvoiceRequest<unknown>(this, portal, {
				method: 'POST',
				path: `/api/v2/config/campaigns/leads/${pathSegment(p.leadId)}/status/${pathSegment(p.status)}`,
				action: `set lead "${p.leadId}" to status "${p.status}"`,
				hint: { action: 'set lead status', field: 'Lead ID', id: p.leadId },
				itemIndex: i,
				gate,
				// Setting the same status twice does no harm, so a retry after a dropped connection is safe.
				idempotent: true,
			});
			return { success: true, lead_id: p.leadId, status: p.status, ...(typeof response === 'string' && response ? { message: response.trim() } : {}) };
		},
	}, readThroughputOptions(this, QVOICE_THROUGHPUT));
}
