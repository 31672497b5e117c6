import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { pathSegment } from '../../../shared';
import { halList } from '../../transport';
import { readLimit, readLocatorValue, recordListLocator, returnAllAndLimit, runPerItem, simplifyOption, simplifyRecord, stripLinks } from '../common';

export const description: INodeProperties[] = [recordListLocator(), ...returnAllAndLimit(), ...simplifyOption()];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runPerItem(this, {
		prepare(this: IExecuteFunctions, i: number) {
			return { id: readLocatorValue(this, i, 'recordListId', 'Record List'), limit: readLimit(this, i), simplify: this.getNodeParameter('simplify', i, true) as boolean };
		},
		async run(p, i, gate) {
			const records = await halList(this, {
				path: `/record-lists/${pathSegment(p.id)}/records`,
				key: 'records',
				action: `get the records of list "${p.id}"`,
				// get-a-list-of-records names this scope (the other list pages use record-lists:manage).
				scope: 'tod.records-list.manage',
				notFound: `record list with ID "${p.id}"`,
				limit: p.limit,
				itemIndex: i,
				gate,
			});
			return records.map((r) => {
				const record = { ...stripLinks(r), record_list_id: p.id };
				return p.simplify ? simplifyRecord(record) : record;
			});
		},
	});
}
