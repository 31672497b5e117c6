import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { executePerItem, pathSegment } from '../../../shared';
import { getPortal, qvoiceRequest } from '../../transport';
import { requiredId } from '../common';

export const description: INodeProperties[] = [
	{
		displayName: 'CDR ID',
		name: 'cdrId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. d7bf2f395cf9adddece9dd8df49712f1',
		description: 'The ID of the call record (CDR) whose outcome should be set to voicemail',
	},
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await (executePerItem<string>).call(this, {
		prepare(i) {
			return requiredId(this, i, 'cdrId', 'CDR ID', 'd7bf2f395cf9adddece9dd8df49712f1');
		},
		async run(cdrId, i) {
			const portal = await getPortal(this);
			const response = await qvoiceRequest<unknown>(this, portal, {
				method: 'PUT',
				path: `/api/v2/config/campaigns/call/${pathSegment(cdrId)}/disposition/voicemail`,
				action: `set the disposition of call "${cdrId}" to voicemail`,
				hint: { action: 'set disposition', field: 'CDR ID', id: cdrId },
				itemIndex: i,
			});
			return { success: true, cdr_id: cdrId, disposition: 'voicemail', ...(typeof response === 'string' && response ? { message: response.trim() } : {}) };
		},
	});
}
