import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import * as campaign from './campaign/Campaign.resource';
import * as doNotCallList from './doNotCallList/DoNotCallList.resource';
import * as recordList from './recordList/RecordList.resource';

type Operation = { execute: (this: IExecuteFunctions) => Promise<INodeExecutionData[]> };

const RESOURCES: Record<string, Record<string, Operation>> = {
	campaign: { create: campaign.create, get: campaign.get, getMany: campaign.getMany, getNumbers: campaign.getNumbers, getUsers: campaign.getUsers, pause: campaign.pause, start: campaign.start },
	recordList: {
		addRecords: recordList.addRecords,
		createFromFile: recordList.createFromFile,
		deleteRecords: recordList.deleteRecords,
		get: recordList.get,
		getMany: recordList.getMany,
		getRecords: recordList.getRecords,
		updateRecord: recordList.updateRecord,
	},
	doNotCallList: { addEntry: doNotCallList.addEntry, checkNumbers: doNotCallList.checkNumbers, getEntries: doNotCallList.getEntries, getMany: doNotCallList.getMany },
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const op = RESOURCES[resource]?.[operation];
	if (!op) throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not supported for "${resource}"`);
	return [await op.execute.call(this)];
}
