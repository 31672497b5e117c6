'use strict';
/**
 * Benchmark 3: what one idle poll costs. Each polling trigger runs through n8n-core's poll path (the engine harness,
 * the same code n8n runs) against its simulator: a first poll records the baseline, then a poll with nothing new is
 * measured on the simulator ledger. Login / OAuth token requests are counted apart (n8n reuses the token).
 * Uses the built package (dist/): run `npm run build` first (run.js does).
 */
const path = require('path');
const os = require('os');
const fs = require('fs');

const ROOT = path.resolve(__dirname, '..', '..');

async function measure({ log = () => {} } = {}) {
	if (!process.env.N8N_USER_FOLDER) process.env.N8N_USER_FOLDER = fs.mkdtempSync(path.join(os.tmpdir(), 'outbound-bench-core-'));
	const { createHarness } = require('../harness/engine');
	const dist = (p) => require(path.join(ROOT, 'dist', p));
	const rows = [];
	const AUTH = /\/(login|oauth\/token)$/;

	async function idle({ vendor, sim, trigger, credType, credClass, nodeClass, cases }) {
		const url = await sim.start();
		try {
			for (const c of cases) {
				const h = createHarness({ nodes: [nodeClass], credentials: [credClass] });
				const cid = h.addCredential(credType, require(`../simulators/${vendor}`).demoCredentials(url));
				const node = { type: trigger, parameters: c.parameters(sim), credentials: h.credentialRef(credType, cid) };
				const first = await h.poll(node);
				if (first.error) throw new Error(`${trigger} ${c.event}: baseline poll failed: ${first.error.message}`);
				// A second poll first, so one-time work (the first login, a first read after a read-free baseline) is not counted.
				const warm = await h.poll(node, { staticData: first.staticData });
				if (warm.error) throw new Error(`${trigger} ${c.event}: second poll failed: ${warm.error.message}`);
				const from = sim.ledger.length;
				const second = await h.poll(node, { staticData: warm.staticData });
				if (second.error) throw new Error(`${trigger} ${c.event}: idle poll failed: ${second.error.message}`);
				const entries = sim.ledger.slice(from);
				const api = entries.filter((e) => !AUTH.test(e.path)).length;
				const auth = entries.length - api;
				rows.push({ trigger, event: c.event, requests: auth ? `${api} (+${auth} login)` : String(api), note: c.note(sim), emitted: second.items ? second.items.length : 0 });
				log(`idle poll ${trigger} / ${c.event}: ${api} API requests, ${auth} auth, emitted ${second.items ? second.items.length : 0}`);
			}
		} finally {
			await sim.stop();
		}
	}

	const qvoice = require('../simulators/qvoice');
	const qsim = qvoice.create({ bigCampaignLeads: 5000 });
	await idle({
		vendor: 'qvoice',
		sim: qsim,
		trigger: 'qvoiceTrigger',
		credType: 'qvoiceApi',
		credClass: dist('credentials/QvoiceApi.credentials.js').QvoiceApi,
		nodeClass: dist('nodes/Qvoice/QvoiceTrigger.node.js').QvoiceTrigger,
		cases: [
			{ event: 'newActivity', parameters: () => ({ event: 'newActivity' }), note: () => 'time cursor: one history read of the window since the last poll (plus overlap); more pages only when there is a backlog' },
			{ event: 'campaignStatusChanged', parameters: () => ({ event: 'campaignStatusChanged' }), note: () => 'one status report for all campaigns' },
			{ event: 'queueThreshold', parameters: (s) => ({ event: 'queueThreshold', queues: [], condition: 'loggedInChanged' }), note: () => 'one queue status read' },
			{
				event: 'leadStatusChanged',
				parameters: (s) => ({ event: 'leadStatusChanged', campaigns: [s.bigCampaignId] }),
				note: (s) => `no time cursor in the API: reads every lead of the watched campaigns, ⌈leads / 1000⌉ pages (here ${s.leadsOf(s.bigCampaignId).length} leads)`,
			},
		],
	});

	const talkdesk = require('../simulators/talkdesk');
	const tsim = talkdesk.create();
	await idle({
		vendor: 'talkdesk',
		sim: tsim,
		trigger: 'talkdeskCampaignsTrigger',
		credType: 'talkdeskOAuth2Api',
		credClass: dist('credentials/TalkdeskOAuth2Api.credentials.js').TalkdeskOAuth2Api,
		nodeClass: dist('nodes/Talkdesk/TalkdeskCampaignsTrigger.node.js').TalkdeskCampaignsTrigger,
		cases: [
			{
				event: 'campaign events',
				parameters: () => ({ events: ['campaignStatusChanged', 'newCampaign', 'campaignNeedsAction'] }),
				note: (s) => `campaign list (no change cursor in the API): ⌈campaigns / page size⌉ pages`,
			},
			{
				event: 'newRecord',
				parameters: (s) => ({ events: ['newRecord'], recordListId: { __rl: true, mode: 'id', value: s.state.lists[0].id } }),
				note: () => 'record list read from the last seen position',
			},
		],
	});

	const talkover = require('../simulators/talkover');
	const osim = talkover.create({ now: Date.now() });
	await idle({
		vendor: 'talkover',
		sim: osim,
		trigger: 'talkoverCallsTrigger',
		credType: 'talkoverApi',
		credClass: dist('credentials/TalkoverApi.credentials.js').TalkoverApi,
		nodeClass: dist('nodes/Talkover/TalkoverCallsTrigger.node.js').TalkoverCallsTrigger,
		cases: [
			{ event: 'new', parameters: () => ({ event: 'new' }), note: () => 'calls list newest first, stops at the first page with nothing new' },
			{ event: 'newOrUpdated', parameters: () => ({ event: 'newOrUpdated' }), note: () => 'calls in the look-back window (status/duration can change on old calls)' },
		],
	});
	rows.push({ trigger: 'talkoverTrigger', event: '(webhook)', requests: '0', note: 'pushed by Talkover; no polling' });
	return rows;
}

module.exports = { measure };

if (require.main === module) {
	measure({ log: (m) => process.stdout.write(`${m}\n`) }).then(
		(rows) => {
			for (const r of rows) console.log(`${r.trigger}\t${r.event}\t${r.requests}\t${r.note}`);
			process.exit(0);
		},
		(e) => {
			console.error(e);
			process.exit(1);
		},
	);
}
