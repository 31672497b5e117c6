'use strict';
// Fresh simulator + harness per vendor for the reliability suite (each operation class gets its own pair, so
// fault queues and ledgers never mix and the classes can run side by side).
const { createHarness } = require('../harness/engine');
const talkdesk = require('../simulators/talkdesk');
const qvoice = require('../simulators/qvoice');
const talkover = require('../simulators/talkover');
const { TalkdeskCampaigns } = require('../../nodes/Talkdesk/TalkdeskCampaigns.node');
const { TalkdeskCampaignsTrigger } = require('../../nodes/Talkdesk/TalkdeskCampaignsTrigger.node');
const { Qvoice } = require('../../nodes/Qvoice/Qvoice.node');
const { QvoiceTrigger } = require('../../nodes/Qvoice/QvoiceTrigger.node');
const { Talkover } = require('../../nodes/Talkover/Talkover.node');
const { TalkoverTrigger } = require('../../nodes/Talkover/TalkoverTrigger.node');
const { TalkoverCallsTrigger } = require('../../nodes/Talkover/TalkoverCallsTrigger.node');
const { TalkdeskOAuth2Api } = require('../../credentials/TalkdeskOAuth2Api.credentials');
const { QvoiceApi } = require('../../credentials/QvoiceApi.credentials');
const { TalkoverApi } = require('../../credentials/TalkoverApi.credentials');

const rl = (value) => ({ __rl: true, mode: 'id', value });

const VENDORS = {
	talkdesk: { module: talkdesk, cred: 'talkdeskOAuth2Api', action: 'talkdeskCampaigns', trigger: 'talkdeskCampaignsTrigger', nodes: [TalkdeskCampaigns, TalkdeskCampaignsTrigger], credentials: [TalkdeskOAuth2Api] },
	qvoice: { module: qvoice, cred: 'qvoiceApi', action: 'qvoice', trigger: 'qvoiceTrigger', nodes: [Qvoice, QvoiceTrigger], credentials: [QvoiceApi] },
	talkover: { module: talkover, cred: 'talkoverApi', action: 'talkover', trigger: 'talkoverCallsTrigger', nodes: [Talkover, TalkoverTrigger, TalkoverCallsTrigger], credentials: [TalkoverApi] },
};

/** { sim, url, h, cid, node(params, extra), trigger(params), newHarness() } for one vendor. */
async function startVendor(vendor, simOptions = {}, { tls } = {}) {
	const v = VENDORS[vendor];
	const sim = v.module.create(simOptions);
	const url = await sim.start(tls ? { tls } : {});
	const env = { vendor, sim, url, rl };
	env.newHarness = () => {
		env.h = createHarness({ nodes: v.nodes, credentials: v.credentials });
		env.cid = env.h.addCredential(v.cred, v.module.demoCredentials(url));
		return env.h;
	};
	env.newHarness();
	env.node = (parameters, extra = {}) => ({ type: v.action, parameters, credentials: env.h.credentialRef(v.cred, env.cid), ...extra });
	env.trigger = (parameters, extra = {}) => ({ type: v.trigger, parameters, credentials: env.h.credentialRef(v.cred, env.cid), ...extra });
	env.credData = () => env.h.store.get(env.cid).data;
	env.stop = async () => {
		if (sim.settle) await sim.settle();
		await sim.stop();
	};
	return env;
}

module.exports = { startVendor, VENDORS, rl };
