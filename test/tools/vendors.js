'use strict';
/**
 * The three vendors as the sandbox, the standalone simulators and the real-n8n e2e tier see them: simulator module,
 * default port, credential type and the fixed id/name the demo credential gets when imported into n8n (example
 * workflows in test/e2e/workflows reference these ids and names).
 * A vendor whose simulator or built credential is absent is skipped loudly, never silently.
 */
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');

const VENDORS = [
	{
		key: 'talkdesk',
		label: 'Talkdesk',
		simulator: 'test/simulators/talkdesk.js',
		portEnv: 'TALKDESK_SIM_PORT',
		defaultPort: 4010,
		credentialType: 'talkdeskOAuth2Api',
		credentialFile: 'credentials/TalkdeskOAuth2Api.credentials.ts',
		credentialId: 'talkdeskDemoCred',
		credentialName: 'Talkdesk (simulator)',
		secretField: 'clientSecret',
		nodes: [
			{ file: 'nodes/Talkdesk/TalkdeskCampaigns.node.ts', name: 'talkdeskCampaigns' },
			{ file: 'nodes/Talkdesk/TalkdeskCampaignsTrigger.node.ts', name: 'talkdeskCampaignsTrigger' },
		],
	},
	{
		key: 'qvoice',
		label: 'QVOICE',
		simulator: 'test/simulators/qvoice.js',
		portEnv: 'QVOICE_SIM_PORT',
		defaultPort: 4020,
		credentialType: 'qvoiceApi',
		credentialFile: 'credentials/QvoiceApi.credentials.ts',
		credentialId: 'qvoiceDemoCred01',
		credentialName: 'QVOICE (simulator)',
		secretField: 'password',
		nodes: [
			{ file: 'nodes/Qvoice/Qvoice.node.ts', name: 'qvoice' },
			{ file: 'nodes/Qvoice/QvoiceTrigger.node.ts', name: 'qvoiceTrigger' },
		],
	},
	{
		key: 'talkover',
		label: 'Talkover',
		simulator: 'test/simulators/talkover.js',
		portEnv: 'TALKOVER_SIM_PORT',
		defaultPort: 4030,
		credentialType: 'talkoverApi',
		credentialFile: 'credentials/TalkoverApi.credentials.ts',
		credentialId: 'talkoverDemoCred',
		credentialName: 'Talkover (simulator)',
		secretField: 'apiToken',
		nodes: [
			{ file: 'nodes/Talkover/Talkover.node.ts', name: 'talkover' },
			{ file: 'nodes/Talkover/TalkoverTrigger.node.ts', name: 'talkoverTrigger' },
			{ file: 'nodes/Talkover/TalkoverCallsTrigger.node.ts', name: 'talkoverCallsTrigger' },
		],
	},
];

const PACKAGE_NAME = 'n8n-nodes-outbound-campaigns';

function exists(rel) {
	return fs.existsSync(path.join(ROOT, rel));
}

/** Vendors whose simulator module exists (for the standalone simulators). */
function vendorsWithSimulator() {
	return VENDORS.filter((v) => exists(v.simulator));
}

/** What of each vendor is present in the working tree: simulator, credential, nodes. */
function inventory() {
	return VENDORS.map((v) => ({
		...v,
		hasSimulator: exists(v.simulator),
		hasCredential: exists(v.credentialFile),
		presentNodes: v.nodes.filter((n) => exists(n.file)),
		missingNodes: v.nodes.filter((n) => !exists(n.file)),
	}));
}

function nodeType(name) {
	return `${PACKAGE_NAME}.${name}`;
}

module.exports = { VENDORS, ROOT, PACKAGE_NAME, vendorsWithSimulator, inventory, nodeType };
