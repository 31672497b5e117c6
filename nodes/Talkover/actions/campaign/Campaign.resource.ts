import { resourceDescription } from '../../../shared';
import { operationSelectors, V1_OPERATIONS } from '../common';

import * as changeStatus from './changeStatus.operation';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as update from './update.operation';

export { changeStatus, create, del as delete, get, getMany, update };

export const description = resourceDescription(
	'campaign',
	operationSelectors('getMany', [
		{ name: 'Change Status', value: 'changeStatus', description: 'Start, pause, complete or cancel a campaign', action: 'Change campaign status' },
		{ name: 'Create', value: 'create', description: 'Create a campaign (as a draft)', action: 'Create campaign' },
		{ name: 'Delete', value: 'delete', description: 'Delete a campaign that is not active', action: 'Delete campaign' },
		{ name: 'Get', value: 'get', description: 'Get one campaign with its statistics', action: 'Get campaign' },
		{ name: 'Get Many', value: 'getMany', description: 'List campaigns', action: 'Get many campaigns' },
		{ name: 'Update', value: 'update', description: 'Change campaign settings', action: 'Update campaign' },
	]),
	{ create, get, getMany, update, delete: del, changeStatus },
	{ aliases: V1_OPERATIONS },
);
