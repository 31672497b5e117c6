import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { executePerItem, pathSegment, QVOICE_THROUGHPUT, readThroughputOptions, requiredText, throughputCollection } from '../../../shared';
import type { Portal } from '../../transport';
import { getPortal, qvoiceRequest } from '../../transport';
import { requiredId } from '../common';

export const description: INodeProperties[] = [
	requiredText('Lead ID', 'leadId', 'e.g. 210ea5d942f41744f1ef37e84a59878d', 'The ID of the lead to remove from its campaign'),
	throughputCollection(QVOICE_THROUGHPUT, undefined),
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	let portal: Portal | undefined;
	return await (executePerItem<string>).call(this, {
		identify: (leadId) => ({ leadId }),
		prepare(i) {
			return requiredId(this, i, 'leadId', 'Lead ID', '210ea5d942f41744f1ef37e84a59878d');
		},
		async run(leadId, i, gate) {
			portal = portal ?? (await getPortal(this));
			const response = await qvoiceRequest<unknown>(this, portal, {
				method: 'DELETE',
				path: `/api/v2/config/campaigns/leads/${pathSegment(leadId)}`,
				action: `delete lead "${leadId}"`,
				hint: { action: 'delete lead', field: 'Lead ID', id: leadId },
				itemIndex: i,
				gate,
			});
			return { success: true, lead_id: leadId, deleted: true, ...(typeof response === 'string' && response ? { message: response.trim() } : {}) };
		},
	}, readThroughputOptions(this, QVOICE_THROUGHPUT));
}
