import { resourceDescription } from '../../../shared';

import * as addRecords from './addRecords.operation';
import * as createFromFile from './createFromFile.operation';
import * as deleteRecords from './deleteRecords.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as getRecords from './getRecords.operation';
import * as updateRecord from './updateRecord.operation';

export { addRecords, createFromFile, deleteRecords, get, getMany, getRecords, updateRecord };

export const description = resourceDescription(
	'recordList',
	[
		{
			default: 'addRecords',
			options: [
				{ name: 'Add Records', value: 'addRecords', action: 'Add records to record list', description: 'Add one record per input item (sent in bulks of 100)' },
				{ name: 'Create From File', value: 'createFromFile', action: 'Create record list from CSV file', description: 'Upload a CSV file as a new record list' },
				{ name: 'Delete Records', value: 'deleteRecords', action: 'Delete records from record list', description: 'Delete records by ID, phone number or external ID (in bulks of 100)' },
				{ name: 'Get', value: 'get', action: 'Get record list', description: 'Get one record list' },
				{ name: 'Get Many', value: 'getMany', action: 'Get many record lists', description: 'List record lists' },
				{ name: 'Get Records', value: 'getRecords', action: 'Get records of record list', description: 'List the records (leads) in a record list' },
				{ name: 'Update Record', value: 'updateRecord', action: 'Update record', description: 'Change a record\'s priority, names, phone numbers or extra data' },
			],
		},
	],
	{ getMany, get, getRecords, createFromFile, addRecords, updateRecord, deleteRecords },
);
