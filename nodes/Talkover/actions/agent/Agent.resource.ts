import { resourceDescription } from '../../../shared';
import { operationSelectors, V1_OPERATIONS } from '../common';

import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as makeCall from './makeCall.operation';

export { get, getMany, makeCall };

export const description = resourceDescription(
	'agent',
	operationSelectors('getMany', [
		{ name: 'Get', value: 'get', description: 'Get one voice agent', action: 'Get agent' },
		{ name: 'Get Many', value: 'getMany', description: 'List voice agents', action: 'Get many agents' },
		{ name: 'Make Call', value: 'makeCall', description: 'Have an agent call a real person now, outside any campaign', action: 'Make call with agent' },
	]),
	{ get, getMany, makeCall },
	{ aliases: V1_OPERATIONS },
);
