import { resourceDescription } from '../../../shared';

import * as add from './add.operation';
import * as deleteLead from './delete.operation';
import * as getMany from './getMany.operation';
import * as setStatus from './setStatus.operation';

export { add, deleteLead as delete, getMany, setStatus };

export const description = resourceDescription(
	'lead',
	[
		{
			default: 'add',
			options: [
				{ name: 'Add', value: 'add', action: 'Add lead to campaign', description: 'Add one lead per input item to a campaign' },
				{ name: 'Delete', value: 'delete', action: 'Delete lead', description: 'Remove a lead from its campaign' },
				{ name: 'Get Many', value: 'getMany', action: 'Get many leads', description: 'List the leads of a campaign with their status' },
				{ name: 'Set Status', value: 'setStatus', action: 'Set lead status', description: 'Set a lead to new, success, failed or a custom status' },
			],
		},
	],
	{ add, delete: deleteLead, getMany, setStatus },
);
