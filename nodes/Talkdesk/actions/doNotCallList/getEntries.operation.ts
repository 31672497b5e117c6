import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { pathSegment } from '../../../shared';
import { halList } from '../../transport';
import { dncListLocator, readLimit, readLocatorValue, returnAllAndLimit, runPerItem, simplifyDncEntry, simplifyOption, stripLinks } from '../common';

export const description: INodeProperties[] = [dncListLocator(), ...returnAllAndLimit(), ...simplifyOption()];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runPerItem(this, {
		prepare(this: IExecuteFunctions, i: number) {
			return { id: readLocatorValue(this, i, 'dncListId', 'Do-Not-Call List'), limit: readLimit(this, i), simplify: this.getNodeParameter('simplify', i, true) as boolean };
		},
		async run(p, i, gate) {
			const entries = await halList(this, {
				path: `/do-not-call-lists/${pathSegment(p.id)}/entries`,
				key: 'entries',
				action: `get the entries of do-not-call list "${p.id}"`,
				scope: 'do-not-call-lists:manage',
				notFound: `do-not-call list with ID "${p.id}"`,
				limit: p.limit,
				itemIndex: i,
				gate,
			});
			return entries.map((e) => {
				const entry = { ...stripLinks(e), do_not_call_list_id: p.id };
				return p.simplify ? simplifyDncEntry(entry) : entry;
			});
		},
	});
}
