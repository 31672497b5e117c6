import type { AllEntities, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { ResourceModules } from '../../shared';
import { routeOperation } from '../../shared';
import * as campaign from './campaign/Campaign.resource';
import * as doNotCallList from './doNotCallList/DoNotCallList.resource';
import * as recordList from './recordList/RecordList.resource';

type TalkdeskMap = {
	campaign: 'create' | 'get' | 'getMany' | 'getNumbers' | 'getUsers' | 'pause' | 'start';
	doNotCallList: 'addEntry' | 'checkNumbers' | 'getEntries' | 'getMany';
	recordList: 'addRecords' | 'createFromFile' | 'deleteRecords' | 'get' | 'getMany' | 'getRecords' | 'updateRecord';
};

export type TalkdeskCampaigns = AllEntities<TalkdeskMap>;

const resources: ResourceModules<TalkdeskMap> = { campaign, doNotCallList, recordList };

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeOperation(this, resources);
}
