import type {
	AllEntities,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

/** One operation file: its fields (without display conditions) and what it does for the node's input. */
export interface OperationModule {
	description: INodeProperties[];
	execute(this: IExecuteFunctions): Promise<INodeExecutionData[]>;
}

/** For each resource of a node, its operation modules by operation value (n8n's `AllEntities` map: resource → operation names). */
export type ResourceModules<M extends { [resource: string]: string }> = { [R in keyof M]: { [O in M[R]]: OperationModule } };

export interface OperationChoice extends INodePropertyOptions {
	value: string;
	action: string;
}

/** One Operation selector of a resource (several when node versions name operations differently). */
export interface OperationSelector {
	default: string;
	options: OperationChoice[];
	displayOptions?: INodeProperties['displayOptions'];
}

/** Show `properties` only for this resource and operation(s); the operation file's own conditions are kept. */
function forOperation(resource: string, operation: string | string[], properties: INodeProperties[]): INodeProperties[] {
	const operations = Array.isArray(operation) ? operation : [operation];
	return updateDisplayOptions({ show: { resource: [resource], operation: operations } }, properties);
}

/** The node's Resource selector. */
export function resourceSelector(defaultResource: string, resources: INodePropertyOptions[]): INodeProperties {
	return { ...RESOURCE, options: resources, default: defaultResource };
}

const RESOURCE: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: [],
	default: '',
};

const OPERATION: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	options: [],
	default: '',
};

/**
 * A resource's part of the node description: the Operation selector, the resource-wide properties (`shared`, e.g. a
 * notice shown for every operation of the resource), then each operation's fields shown only for it. `aliases` lets
 * one module answer to several operation values (older node versions' names).
 */
export function resourceDescription(
	resource: string,
	selectors: OperationSelector[],
	modules: Record<string, OperationModule>,
	options: { aliases?: Record<string, string[]>; shared?: INodeProperties[] } = {},
): INodeProperties[] {
	const forResource = { show: { resource: [resource] } };
	const operationProperties = selectors.map(
		(s): INodeProperties => ({
			...OPERATION,
			...s,
			displayOptions: { ...(s.displayOptions ?? {}), show: { ...(s.displayOptions?.show ?? {}), ...forResource.show } },
		}),
	);
	const shared = updateDisplayOptions(forResource, options.shared ?? []);
	const fields = Object.entries(modules).flatMap(([operation, module]) =>
		forOperation(resource, [operation, ...(options.aliases?.[operation] ?? [])], module.description),
	);
	return [...operationProperties, ...shared, ...fields];
}

/**
 * Runs the module chosen by the node's Resource and Operation. `aliases` maps an older operation value to the
 * current one, so workflows saved with an earlier node version run the same code.
 */
export async function routeOperation<M extends { [resource: string]: string }>(
	ctx: IExecuteFunctions,
	resources: ResourceModules<M>,
	aliases: Record<string, string> = {},
): Promise<INodeExecutionData[][]> {
	const resource = ctx.getNodeParameter('resource', 0) as string;
	const operation = ctx.getNodeParameter('operation', 0) as string;
	const entity = { resource, operation: aliases[operation] ?? operation } as AllEntities<M>;
	const modules = (resources as Record<string, Record<string, OperationModule>>)[entity.resource as string];
	const module = modules?.[entity.operation as string];
	if (!module) throw new NodeOperationError(ctx.getNode(), `The operation "${operation}" is not known for "${resource}"`);
	return [await module.execute.call(ctx)];
}
