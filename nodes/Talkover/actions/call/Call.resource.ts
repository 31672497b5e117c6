import { resourceDescription } from '../../../shared';
import { operationSelectors, V1_OPERATIONS } from '../common';

import * as getMany from './getMany.operation';

export { getMany };

export const description = resourceDescription(
	'call',
	operationSelectors('getMany', [
		{ name: 'Get Many', value: 'getMany', description: 'List calls made and received', action: 'Get many calls' },
	]),
	{ getMany },
	{ aliases: V1_OPERATIONS },
);
