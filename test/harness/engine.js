'use strict';
/**
 * Engine test harness: runs workflows (JSON as n8n exports it) through n8n-core's WorkflowExecute with this
 * package's node and credential types, and a credentials helper that does what n8n's does (defaults, expression
 * resolution with $self, generic `authenticate`, preAuthentication with its expirable field, OAuth2 token storage).
 * All HTTP is real, to the simulators on 127.0.0.1.
 */
const core = require('n8n-core');
const wf = require('n8n-workflow');
const oauth2Parent = require('./oauth2-parent');
const capture = require('./capture');

const PACKAGE = 'n8n-nodes-outbound-campaigns';

/** Built-in stand-ins for the few n8n-nodes-base nodes the test workflows use as plumbing. */
const passThrough = (name, displayName) => ({
	description: {
		displayName, name, group: ['transform'], version: [1, 2, 3], defaults: { name: displayName },
		inputs: ['main'], outputs: ['main'], properties: [],
	},
	async execute() {
		return [this.getInputData()];
	},
});
const BUILTIN_NODES = {
	'n8n-nodes-base.manualTrigger': passThrough('manualTrigger', 'Manual Trigger'),
	'n8n-nodes-base.noOp': passThrough('noOp', 'No Operation'),
	'n8n-nodes-base.start': passThrough('start', 'Start'),
};

class NodeTypes {
	constructor(nodeClasses) {
		this.types = { ...BUILTIN_NODES };
		for (const NodeClass of nodeClasses) {
			const instance = typeof NodeClass === 'function' ? new NodeClass() : NodeClass;
			const name = instance.description.name;
			this.types[`${PACKAGE}.${name}`] = instance;
			this.types[`CUSTOM.${name}`] = instance;
			this.types[name] = instance;
		}
	}
	getByName(name) {
		const t = this.types[name];
		if (!t) throw new Error(`harness: unknown node type "${name}"`);
		return t;
	}
	getByNameAndVersion(name, version) {
		return wf.NodeHelpers.getVersionedNodeType(this.getByName(name), version);
	}
	getKnownTypes() {
		return {};
	}
}

const EXPRESSION_NODE = { id: 'h', name: 'Harness', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [0, 0], parameters: {} };

class HarnessCredentialsHelper extends wf.ICredentialsHelper {
	/**
	 * @param credentialClasses credential type classes of the package
	 * @param store Map id -> { type, name, data } (the "database"); updates are written back and counted
	 */
	constructor(credentialClasses, store, nodeTypes) {
		super();
		this.types = { oAuth2Api: oauth2Parent };
		for (const C of credentialClasses) {
			const t = typeof C === 'function' ? new C() : C;
			this.types[t.name] = t;
		}
		this.store = store;
		this.nodeTypes = nodeTypes;
		this.events = []; // { kind: 'preAuthentication'|'update'|'oauthTokenUpdate', type, id }
	}
	type(name) {
		const t = this.types[name];
		if (!t) throw new Error(`harness: unknown credential type "${name}"`);
		return t;
	}
	getParentTypes(name) {
		const out = [];
		for (const parent of this.type(name).extends || []) {
			out.push(parent, ...this.getParentTypes(parent));
		}
		return out;
	}
	isCredentialUsableByNode() {
		return true;
	}
	getCredentialsProperties(name) {
		const t = this.type(name);
		const merged = [];
		for (const parent of t.extends || []) {
			for (const p of this.getCredentialsProperties(parent)) {
				const i = merged.findIndex((m) => m.name === p.name);
				if (i >= 0) merged[i] = p;
				else merged.push(p);
			}
		}
		for (const p of t.properties) {
			const i = merged.findIndex((m) => m.name === p.name);
			if (i >= 0) merged[i] = p;
			else merged.push(p);
		}
		return merged;
	}
	expressionWorkflow() {
		if (!this._exprWorkflow) {
			this._exprWorkflow = new wf.Workflow({
				id: 'harness-expr', name: 'expr', nodes: [EXPRESSION_NODE], connections: {}, active: false,
				nodeTypes: this.nodeTypes, settings: {},
			});
		}
		return this._exprWorkflow;
	}
	/** Defaults for missing fields, then `=…` expressions resolved with $self = the credential data (as n8n does). */
	applyDefaultsAndResolve(typeName, raw) {
		const props = this.getCredentialsProperties(typeName);
		const withDefaults = wf.NodeHelpers.getNodeParameters(props, raw, true, false, null, null) || {};
		const data = { ...withDefaults };
		for (const [k, v] of Object.entries(raw)) if (!(k in data)) data[k] = v;
		const workflow = this.expressionWorkflow();
		for (const [k, v] of Object.entries(data)) {
			if (typeof v === 'string' && v.startsWith('=')) {
				data[k] = workflow.expression.getParameterValue(v, null, 0, 0, EXPRESSION_NODE.name, [], 'internal', {}, undefined, false, data);
			}
		}
		return data;
	}
	async getCredentials(nodeCredentials, type) {
		const entry = this.store.get(nodeCredentials.id);
		if (!entry) throw new Error(`harness: no credential with id ${nodeCredentials.id}`);
		const creds = new core.Credentials({ id: nodeCredentials.id, name: entry.name }, type);
		creds.setData(entry.data);
		return creds;
	}
	async getDecrypted(additionalData, nodeCredentials, type) {
		const entry = this.store.get(nodeCredentials.id);
		if (!entry) throw new Error(`harness: no credential with id ${nodeCredentials.id}`);
		if (entry.type !== type) throw new Error(`harness: credential ${nodeCredentials.id} is ${entry.type}, not ${type}`);
		return this.applyDefaultsAndResolve(type, JSON.parse(JSON.stringify(entry.data)));
	}
	async updateCredentials(nodeCredentials, type, data) {
		const entry = this.store.get(nodeCredentials.id);
		entry.data = { ...entry.data, ...JSON.parse(JSON.stringify(data)) };
		this.events.push({ kind: 'update', type, id: nodeCredentials.id });
	}
	async updateCredentialsOauthTokenData(nodeCredentials, type, data) {
		const entry = this.store.get(nodeCredentials.id);
		entry.data = { ...entry.data, oauthTokenData: JSON.parse(JSON.stringify(data.oauthTokenData)) };
		this.events.push({ kind: 'oauthTokenUpdate', type, id: nodeCredentials.id });
	}
	async authenticate(credentials, typeName, requestOptions, workflow, node) {
		const auth = this.type(typeName).authenticate;
		if (!auth) return requestOptions;
		if (typeof auth === 'function') return await auth(credentials, requestOptions);
		if (auth.type !== 'generic') return requestOptions;
		const w = workflow || this.expressionWorkflow();
		const n = node || EXPRESSION_NODE;
		const resolve = (v) =>
			typeof v === 'string' ? w.expression.getSimpleParameterValue(n, v, 'internal', { $credentials: credentials }, undefined, v) : v;
		for (const outer of Object.keys(auth.properties)) {
			const block = auth.properties[outer];
			if (outer === 'auth') {
				requestOptions.auth = { username: resolve(block.username), password: resolve(block.password) };
				continue;
			}
			requestOptions[outer] = requestOptions[outer] || {};
			for (const [k, v] of Object.entries(block)) requestOptions[outer][k] = resolve(v);
		}
		return requestOptions;
	}
	expirableField(typeName) {
		return this.getCredentialsProperties(typeName).find((p) => p.type === 'hidden' && p.typeOptions && p.typeOptions.expirable);
	}
	async preAuthentication(helpers, credentials, typeName, node, credentialsExpired) {
		const t = this.type(typeName);
		if (typeof t.preAuthentication !== 'function') return undefined;
		const field = this.expirableField(typeName);
		if (!field) return undefined;
		if (credentials[field.name] !== '' && credentials[field.name] !== undefined && !credentialsExpired) return undefined;
		const output = await t.preAuthentication.call(helpers, credentials);
		this.events.push({ kind: 'preAuthentication', type: typeName, id: node.credentials && node.credentials[typeName] && node.credentials[typeName].id });
		if (output && output[field.name] === undefined) throw new Error(`preAuthentication of ${typeName} did not return ${field.name}`);
		if (node.credentials && node.credentials[typeName]) {
			await this.updateCredentials(node.credentials[typeName], typeName, { ...credentials, ...output });
		}
		return { ...credentials, ...output };
	}
	async runPreAuthentication(helpers, credentials, typeName) {
		const t = this.type(typeName);
		return typeof t.preAuthentication === 'function' ? await t.preAuthentication.call(helpers, credentials) : undefined;
	}
}

function makeAdditionalData(credentialsHelper, workflowData, onStaticData) {
	const hooks = new core.ExecutionLifecycleHooks('manual', 'harness-exec', workflowData);
	hooks.addHandler('workflowExecuteAfter', async (_run, newStaticData) => {
		if (onStaticData) onStaticData(newStaticData);
	});
	return {
		credentialsHelper,
		hooks,
		executeWorkflow: async () => { throw new Error('harness: sub-workflows are not supported'); },
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://127.0.0.1:5678/rest',
		instanceBaseUrl: 'http://127.0.0.1:5678/',
		formBaseUrl: 'http://127.0.0.1:5678/form',
		formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
		formTestBaseUrl: 'http://127.0.0.1:5678/form-test',
		webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
		mcpBaseUrl: 'http://127.0.0.1:5678/mcp',
		mcpTestBaseUrl: 'http://127.0.0.1:5678/mcp-test',
		variables: {},
		userId: 'harness-user',
	};
}

/**
 * createHarness({ nodes: [NodeClass…], credentials: [CredentialClass…] })
 *  .addCredential(type, data, id?) -> id
 *  .run(workflowJson, { items, staticData }) -> result (see `runWorkflow`)
 *  .runNode(nodeJson, items) -> result of a one-node workflow fed with `items`
 *  .poll(nodeJson, { staticData, mode }) -> { items | null, staticData, error }
 *  .hooks(nodeJson, { staticData, webhookUrl }) -> webhook lifecycle (checkExists/create/delete)
 *  .webhook(nodeJson, request, { staticData }) -> webhook() result
 *  .loadOptions(nodeJson, kind, method, { filter }) -> listSearch/loadOptions result
 *  .testCredential(type, data) -> { status, message }
 */
// Credential ids are unique per process, as in n8n: n8n-core shares in-flight OAuth2 token refreshes by credential
// id, so two harnesses both using id "1" would hand each other tokens from different simulators.
let nextId = 1;

function createHarness({ nodes = [], credentials = [] } = {}) {
	const nodeTypes = new NodeTypes(nodes);
	const store = new Map();
	const helper = new HarnessCredentialsHelper(credentials, store, nodeTypes);
	// n8n's credential tester runs the test request as a node allowed to use the credential.
	nodeTypes.types['harness.credentialTest'] = {
		description: {
			...passThrough('credentialTest', 'Credential Test').description,
			credentials: Object.keys(helper.types).map((name) => ({ name })),
		},
	};
	function workflowFrom(json, staticData) {
		return new wf.Workflow({
			id: json.id || 'harness-workflow',
			name: json.name || 'Harness workflow',
			nodes: JSON.parse(JSON.stringify(json.nodes)),
			connections: JSON.parse(JSON.stringify(json.connections || {})),
			active: false,
			nodeTypes,
			staticData: staticData ? JSON.parse(JSON.stringify(staticData)) : {},
			settings: { executionOrder: 'v1', ...(json.settings || {}) },
			pinData: json.pinData,
		});
	}

	/** Hands the secret scan what a user would see, and every secret the credential store holds now. */
	function record(outputs, errors) {
		for (const o of outputs) capture.output(o);
		for (const e of errors) capture.error(e);
		for (const entry of store.values()) {
			const passwordFields = helper.getCredentialsProperties(entry.type).filter((p) => p.typeOptions && p.typeOptions.password).map((p) => p.name);
			capture.secrets(capture.secretsOf(entry.data, passwordFields));
		}
	}

	function collectOutputs(run) {
		const out = {};
		const runData = run.data.resultData.runData || {};
		for (const [name, runs] of Object.entries(runData)) {
			const last = runs[runs.length - 1];
			out[name] = {
				items: (last.data && last.data.main && last.data.main[0]) || [],
				outputs: (last.data && last.data.main) || [],
				error: last.error,
			};
		}
		return out;
	}

	/** Runs a whole workflow: start nodes (no incoming main connection) receive `items` (default one empty item). */
	async function run(json, { items = [{ json: {} }], staticData, mode = 'manual' } = {}) {
		let newStatic;
		const workflow = workflowFrom(json, staticData);
		const incoming = new Set();
		for (const conns of Object.values(workflow.connectionsBySourceNode)) {
			for (const outputs of conns.main || []) for (const c of outputs || []) incoming.add(c.node);
		}
		const starts = Object.values(workflow.nodes).filter((n) => !incoming.has(n.name) && !n.disabled);
		const runExecutionData = wf.createRunExecutionData({
			executionData: {
				nodeExecutionStack: starts.map((node) => ({ node, data: { main: [items] }, source: null })),
			},
		});
		const additionalData = makeAdditionalData(helper, { id: workflow.id, name: workflow.name, nodes: json.nodes, connections: json.connections, active: false, settings: {} }, (s) => { newStatic = s; });
		const we = new core.WorkflowExecute(additionalData, mode, runExecutionData);
		const result = await we.processRunExecutionData(workflow);
		const nodesOut = collectOutputs(result);
		record(
			Object.values(nodesOut).flatMap((n) => n.items.map((i) => i.json)),
			[result.data.resultData.error, ...Object.values(nodesOut).map((n) => n.error)].filter(Boolean),
		);
		return {
			raw: result,
			nodes: nodesOut,
			/** Items of a node's first output. */
			items: (name) => (nodesOut[name] ? nodesOut[name].items : undefined),
			json: (name) => (nodesOut[name] ? nodesOut[name].items.map((i) => i.json) : undefined),
			error: result.data.resultData.error,
			staticData: newStatic || workflow.staticData,
		};
	}

	/** One node fed with `items`; the result helpers default to that node. */
	async function runNode(nodeJson, items = [{ json: {} }], opts = {}) {
		const node = { id: 'n1', position: [0, 0], typeVersion: 1, ...nodeJson, name: nodeJson.name || 'Node' };
		const r = await run({ nodes: [node], connections: {} }, { ...opts, items });
		const own = r.nodes[node.name] || { items: [], error: undefined };
		return { ...r, out: own.items, outJson: own.items.map((i) => i.json), nodeError: own.error };
	}

	async function poll(nodeJson, { staticData, mode = 'trigger', activation = 'activate' } = {}) {
		const node = { id: 't1', position: [0, 0], typeVersion: 1, ...nodeJson, name: nodeJson.name || 'Trigger' };
		const workflow = workflowFrom({ nodes: [node], connections: {} }, staticData);
		const additionalData = makeAdditionalData(helper, { id: workflow.id, name: workflow.name, nodes: [node], connections: {}, active: true, settings: {} });
		const emitted = [];
		const fns = new core.PollContext(workflow, node, additionalData, mode, activation, (data) => emitted.push(data));
		let items = null;
		let error;
		try {
			const out = await new core.TriggersAndPollers().runPollFunction(workflow, node, fns);
			items = out ? out[0] : null;
		} catch (e) {
			error = e;
		}
		record(items ? items.map((i) => i.json) : [], error ? [error] : []);
		// n8n persists static data only when the poll succeeded (the workflow then runs); a failed poll commits nothing.
		const nextStatic = error ? staticData || {} : JSON.parse(JSON.stringify(workflow.staticData));
		// What the node left in the in-memory static data even when it failed: n8n keeps that object between polls
		// of an active workflow, so a node must not change it before everything was fetched.
		const liveStaticData = JSON.parse(JSON.stringify(workflow.staticData));
		return { items, json: items ? items.map((i) => i.json) : null, staticData: nextStatic, liveStaticData, error };
	}

	function hookContext(nodeJson, { staticData, webhookUrl = 'http://127.0.0.1:5678/webhook/harness/webhook', mode = 'trigger', activation = 'activate' } = {}) {
		const node = { id: 'w1', position: [0, 0], typeVersion: 1, webhookId: 'harness-webhook-id', ...nodeJson, name: nodeJson.name || 'Webhook Trigger' };
		const workflow = workflowFrom({ nodes: [node], connections: {} }, staticData);
		const additionalData = makeAdditionalData(helper, { id: workflow.id, name: workflow.name, nodes: [node], connections: {}, active: true, settings: {} });
		const webhookData = { httpMethod: 'POST', node: node.name, path: 'webhook', webhookDescription: { name: 'default', httpMethod: 'POST', path: 'webhook' }, workflowId: workflow.id, workflowExecuteAdditionalData: additionalData, webhookId: node.webhookId };
		const ctx = new core.HookContext(workflow, node, additionalData, mode, activation, webhookData);
		// The URL the trigger registers with the vendor: n8n's own, or the caller's (a test server).
		ctx.getNodeWebhookUrl = () => webhookUrl;
		return { ctx, workflow, node };
	}

	/** Calls webhookMethods.default.{checkExists,create,delete} the way n8n does on publish/unpublish. */
	async function webhookLifecycle(nodeJson, step, opts = {}) {
		const { ctx, workflow, node } = hookContext(nodeJson, opts);
		const type = nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		const methods = type.webhookMethods && type.webhookMethods.default;
		if (!methods) throw new Error('harness: node has no webhookMethods.default');
		let result;
		try {
			result = await methods[step].call(ctx);
		} catch (error) {
			record([], [error]); // activation errors are shown to the user too
			throw error;
		}
		return { result, staticData: JSON.parse(JSON.stringify(workflow.staticData)) };
	}

	/** Delivers one HTTP request to the node's webhook(); `request` = { headers, body, query, method }. */
	async function webhook(nodeJson, request, { staticData } = {}) {
		const node = { id: 'w1', position: [0, 0], typeVersion: 1, webhookId: 'harness-webhook-id', ...nodeJson, name: nodeJson.name || 'Webhook Trigger' };
		const workflow = workflowFrom({ nodes: [node], connections: {} }, staticData);
		const additionalData = makeAdditionalData(helper, { id: workflow.id, name: workflow.name, nodes: [node], connections: {}, active: true, settings: {} });
		const headers = Object.fromEntries(Object.entries(request.headers || {}).map(([k, v]) => [k.toLowerCase(), v]));
		const req = { headers, body: request.body, query: request.query || {}, method: request.method || 'POST', rawBody: request.rawBody, get: (h) => headers[String(h).toLowerCase()] };
		const responses = [];
		const res = { status(c) { this.statusCode = c; return this; }, json(b) { responses.push({ status: this.statusCode || 200, body: b }); }, send(b) { responses.push({ status: this.statusCode || 200, body: b }); }, end(b) { responses.push({ status: this.statusCode || 200, body: b }); }, setHeader() {} };
		additionalData.httpRequest = req;
		additionalData.httpResponse = res;
		const webhookData = { httpMethod: req.method, node: node.name, path: 'webhook', webhookDescription: { name: 'default', httpMethod: 'POST', path: 'webhook' }, workflowId: workflow.id, workflowExecuteAdditionalData: additionalData, webhookId: node.webhookId };
		const ctx = new core.WebhookContext(workflow, node, additionalData, 'trigger', webhookData, [], null);
		const type = nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		const result = await type.webhook.call(ctx);
		record([result, responses], []);
		return { result, responses, staticData: JSON.parse(JSON.stringify(workflow.staticData)) };
	}

	/** Runs a node's listSearch or loadOptions method as the editor would. */
	async function loadOptions(nodeJson, kind, method, { filter, paginationToken } = {}) {
		const node = { id: 'l1', position: [0, 0], typeVersion: 1, ...nodeJson, name: nodeJson.name || 'Node' };
		const workflow = workflowFrom({ nodes: [node], connections: {} });
		const additionalData = makeAdditionalData(helper, { id: workflow.id, name: workflow.name, nodes: [node], connections: {}, active: false, settings: {} });
		const ctx = new core.LoadOptionsContext(workflow, node, additionalData, '', {});
		const type = nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		const fn = type.methods && type.methods[kind] && type.methods[kind][method];
		if (!fn) throw new Error(`harness: no methods.${kind}.${method}`);
		try {
			const result = kind === 'listSearch' ? await fn.call(ctx, filter, paginationToken) : await fn.call(ctx);
			record([result], []); // what the editor's dropdown shows
			return result;
		} catch (error) {
			record([], [error]);
			throw error;
		}
	}

	/**
	 * Runs a credential type's `test` request like n8n's credential test: defaults and expressions applied,
	 * preAuthentication when the type has it, OAuth2 token fetched, then the test request; non-2xx -> Error.
	 */
	async function testCredential(type, data) {
		const id = `credtest-${nextId++}`;
		store.set(id, { type, name: 'credential test', data: JSON.parse(JSON.stringify(data)) });
		const t = helper.type(type);
		if (!t.test || !t.test.request) throw new Error(`harness: ${type} has no test request`);
		const nodeJson = { name: 'Credential Test', type: 'harness.credentialTest', credentials: { [type]: { id, name: 'credential test' } } };
		const node = { id: 'c1', position: [0, 0], typeVersion: 1, parameters: {}, ...nodeJson };
		const workflow = workflowFrom({ nodes: [node], connections: {} });
		const additionalData = makeAdditionalData(helper, { id: workflow.id, name: workflow.name, nodes: [node], connections: {}, active: false, settings: {} });
		const ctx = new core.LoadOptionsContext(workflow, node, additionalData, '', {});
		const decrypted = await helper.getDecrypted(additionalData, { id }, type);
		const resolve = (v) => (typeof v === 'string' && v.startsWith('=') ? workflow.expression.getParameterValue(v, null, 0, 0, node.name, [], 'internal', { $credentials: decrypted }, undefined, false, decrypted) : v);
		const req = t.test.request;
		const options = { method: req.method || 'GET', url: resolve(req.url), baseURL: resolve(req.baseURL), qs: req.qs, body: req.body, headers: req.headers, json: true };
		if (!options.baseURL) delete options.baseURL;
		if (decrypted.ignoreSSLIssues || decrypted.allowUnauthorizedCerts) options.skipSslCertificateValidation = true;
		try {
			await ctx.helpers.httpRequestWithAuthentication.call(ctx, type, options);
			return { status: 'OK', message: 'Connection successful!' };
		} catch (error) {
			record([], [error]);
			// n8n's credential tester: a `responseCode` rule matching the failed response's status gives the message.
			const failedStatus = Number(error.httpCode) || (error.cause && error.cause.response && error.cause.response.status) || (error.response && error.response.status);
			const rule = (t.test.rules || []).find((r) => r.type === 'responseCode' && r.properties && r.properties.value === failedStatus);
			if (rule) return { status: 'Error', message: rule.properties.message, error };
			return { status: 'Error', message: error.message, description: error.description, error };
		} finally {
			store.delete(id);
		}
	}

	return {
		nodeTypes,
		credentialsHelper: helper,
		store,
		addCredential(type, data, id = String(nextId++)) {
			store.set(id, { type, name: `${type} ${id}`, data: JSON.parse(JSON.stringify(data)) });
			return id;
		},
		credentialRef(type, id) {
			return { [type]: { id, name: `${type} ${id}` } };
		},
		run,
		runNode,
		poll,
		webhookLifecycle,
		webhook,
		loadOptions,
		testCredential,
	};
}

module.exports = { createHarness, PACKAGE, HarnessCredentialsHelper, NodeTypes };
