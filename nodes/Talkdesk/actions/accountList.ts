import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { OperationModule } from '../../shared';
import { halList } from '../transport';
import { readLimit, returnAllAndLimit, runPerItem, stripLinks } from './common';

/** A paginated list of the whole account (record lists, do-not-call lists): Return All / Limit and one HAL read. */
export function accountList(o: { path: string; key: string; action: string; scope: string }): OperationModule {
	async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
		return await runPerItem(this, {
			prepare(this: IExecuteFunctions, i: number) {
				return readLimit(this, i);
			},
			async run(limit, i, gate) {
				const lists = await halList(this, { ...o, limit, itemIndex: i, gate });
				return lists.map(stripLinks);
			},
		});
	}
	return { description: returnAllAndLimit(), execute };
}
