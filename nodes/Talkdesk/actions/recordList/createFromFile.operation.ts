import { createHash } from 'crypto';

import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { checkLength, inputError, must, pathSegment } from '../../../shared';
import { talkdeskRequest, uploadToSignedUrl } from '../../transport';
import { runPerItem, stripLinks } from '../common';

export const description: INodeProperties[] = [
	{
		displayName: 'List Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		description: 'Name of the new record list as it appears in Talkdesk (1–80 characters)',
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the input binary field holding the CSV file',
		description: 'A CSV with a header row, e.g. phone_number,first_name,last_name,priority,timezone. Other columns become extra data.',
	},
	{
		displayName: 'Options',
		name: 'fileOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'File Name',
				name: 'fileName',
				type: 'string',
				default: '',
				description: 'File name to report to Talkdesk (at most 35 characters). Default: the binary file\'s own name, or list.csv.',
			},
			{
				displayName: 'Start Validation',
				name: 'startValidation',
				type: 'boolean',
				default: true,
				description: 'Whether to ask Talkdesk to check and import the file right after the upload. Turn off to start it later.',
			},
		],
	},
];

interface Prepared {
	name: string;
	fileName: string;
	data: Buffer;
	startValidation: boolean;
}

/** Documented limits of POST /record-lists csv_metadata (record-lists-1). */
const MAX_FILENAME = 35;
const MAX_CHECKSUM = 32;

/** Whether Talkdesk's 400 named the checksum field (then the other digest form is worth one try). */
function refusedChecksum(error: unknown): boolean {
	if (!(error instanceof NodeApiError) || error.httpCode !== '400') return false;
	const fields = Array.isArray(error.context.fields) ? (error.context.fields as string[]) : [];
	return fields.some((name) => name === 'checksum' || name.endsWith('.checksum'));
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runPerItem(this, {
		async prepare(this: IExecuteFunctions, i: number): Promise<Prepared> {
			const name = must(this, i, 'List Name', checkLength(String(this.getNodeParameter('name', i, '')).trim(), 1, 80));
			const property = String(this.getNodeParameter('binaryPropertyName', i, 'data'));
			const options = this.getNodeParameter('fileOptions', i, {}) as IDataObject;
			const item = this.getInputData()[i];
			const binary = item.binary?.[property];
			if (!binary) {
				throw inputError(this, i, 'Input Binary Field', `"${property}" has no file`, 'Read the CSV first (e.g. Read/Write Files from Disk or an HTTP Request) and give the binary field name here.');
			}
			const data = await this.helpers.getBinaryDataBuffer(i, property);
			if (!data.length) throw inputError(this, i, 'Input Binary Field', `"${property}" is an empty file`);
			const fileName = String(options.fileName || binary.fileName || 'list.csv').trim();
			if (fileName.length > MAX_FILENAME) {
				throw inputError(
					this,
					i,
					options.fileName ? 'File Name' : 'File Name (from the input file)',
					`"${fileName}" is ${fileName.length} characters; Talkdesk takes at most ${MAX_FILENAME}`,
					'Set Options → File Name to a shorter name (it is only the name Talkdesk shows; the list name is separate).',
				);
			}
			const looksCsv = /\.csv$/i.test(fileName) || /csv|text\/plain/i.test(binary.mimeType ?? '');
			if (!looksCsv) throw inputError(this, i, 'Input Binary Field', `"${fileName}" is not a CSV file (${binary.mimeType ?? 'unknown type'})`, 'Talkdesk record lists are imported from CSV files.');
			return { name, fileName, data, startValidation: options.startValidation !== false };
		},
		async run(p, i, gate) {
			const digest = createHash('md5').update(p.data);
			const hex = digest.digest('hex');
			const base64 = Buffer.from(hex, 'hex').toString('base64');
			const create = async (checksum: string) => {
				if (checksum.length > MAX_CHECKSUM) throw inputError(this, i, 'Input Binary Field', `checksum is longer than ${MAX_CHECKSUM} characters`);
				const csvMetadata = { filename: p.fileName, byte_size: p.data.length, checksum, content_type: 'text/csv' };
				const created = await talkdeskRequest(this, {
					method: 'POST',
					path: '/record-lists',
					body: { name: p.name, csv_metadata: csvMetadata },
					action: `create record list "${p.name}"`,
					scope: 'record-lists:manage',
					itemIndex: i,
					gate,
				});
				return { created, csvMetadata };
			};
			// The documented example checksum is the 32-character hex MD5. If Talkdesk refuses that field, the
			// base64 digest (the form S3 itself uses) is tried once; a refused create made nothing, so this is safe.
			const { created, csvMetadata } = await create(hex).catch(async (error: unknown) =>
				refusedChecksum(error) ? await create(base64) : await Promise.reject(error),
			);
			const id = String(created.id ?? '');
			const signedUrl = String(created.signed_url ?? '');
			if (!id || !signedUrl) {
				throw inputError(this, i, 'List Name', 'was accepted, but Talkdesk returned no upload address', `Talkdesk answered: ${JSON.stringify(stripLinks(created)).slice(0, 300)}`);
			}
			// S3's Content-MD5 header is always the base64 digest.
			await uploadToSignedUrl(this, signedUrl, p.data, base64, i);
			let list: IDataObject = { ...stripLinks(created), status: created.status };
			delete list.signed_url;
			if (p.startValidation) {
				list = stripLinks(
					await talkdeskRequest(this, {
						method: 'PATCH',
						path: `/record-lists/${pathSegment(id)}`,
						action: `start validating record list "${p.name}"`,
						// update-record-lists names record-lists:write for this call.
						scope: 'record-lists:write',
						notFound: `record list with ID "${id}"`,
						itemIndex: i,
						gate,
					}),
				);
			}
			return { ...list, csv_metadata: csvMetadata, uploaded: true, validation_started: p.startValidation };
		},
	});
}
