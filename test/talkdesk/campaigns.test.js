// Campaign operations through the engine against the simulator: HAL paging by _links.next (both spellings),
// get / start / pause, users and numbers, create validation before any request, missing scope, 404, 429, CoF.
const { setup, useTalkdeskEnv } = require('./helpers');

describe('Talkdesk Campaigns node — campaigns', () => {
	const env = useTalkdeskEnv(({ sim }) => {
		sim.clearFaults();
		sim.setRateLimit(null);
	});

	test('Get Many, Return All: all 130 campaigns (per_page 250), one item per campaign, paired to the input', async () => {
		const { h, sim, node } = env;
		const r = await h.runNode(node({ resource: 'campaign', operation: 'getMany', returnAll: true }));
		expect(r.error).toBeUndefined();
		expect(r.outJson).toHaveLength(130);
		expect(new Set(r.outJson.map((c) => c.id)).size).toBe(130);
		expect(r.out.every((i) => i.pairedItem.item === 0)).toBe(true);
		expect(Object.keys(r.outJson[0]).sort()).toEqual(['action_required', 'created_at', 'dialing_mode', 'id', 'name', 'priority', 'run_once', 'status']);
		const pages = sim.requests('GET', '/campaigns');
		expect(pages.map((p) => p.query)).toEqual([{ page: '1', per_page: '250' }]);
	});

	test('Get Many with small server pages: 4 pages via _links.next, the docs spelling (total_page, campaings) too', async () => {
		for (const docSpelling of [false, true]) {
			const e = await setup({ docSpelling, campaigns: 130 });
			try {
				// Force 40 per page by asking a Limit-less run through a server that caps per_page.
				e.sim.routes.find((rt) => rt.method === 'GET' && rt.path === '/campaigns').handler = ((orig) => (ctx) => {
					ctx.query.per_page = '40';
					return orig(ctx);
				})(e.sim.routes.find((rt) => rt.method === 'GET' && rt.path === '/campaigns').handler);
				const r = await e.h.runNode(e.node({ resource: 'campaign', operation: 'getMany', returnAll: true, simplify: false }));
				expect(r.error).toBeUndefined();
				expect(r.outJson).toHaveLength(130);
				expect(r.outJson[0]._links).toBeUndefined();
				const calls = e.sim.requests('GET', '/campaigns');
				expect(calls.map((c) => c.query.page)).toEqual(['1', '2', '3', '4']);
			} finally {
				await e.sim.stop();
			}
		}
	});

	test('Get Many with Limit stops early; filters by status and name', async () => {
		const { h, sim, node } = env;
		const r = await h.runNode(node({ resource: 'campaign', operation: 'getMany', returnAll: false, limit: 7 }));
		expect(r.outJson).toHaveLength(7);
		expect(sim.requests('GET', '/campaigns')[0].query).toEqual({ page: '1', per_page: '7' });
		const f = await h.runNode(node({ resource: 'campaign', operation: 'getMany', returnAll: true, filters: { status: ['RUNNING'], name: 'surveys' } }));
		expect(f.outJson.length).toBeGreaterThan(0);
		expect(f.outJson.every((c) => c.status === 'RUNNING' && /Surveys/.test(c.name))).toBe(true);
	});

	test('Get by ID (full object), Get Assigned Users and Get Numbers (paginated)', async () => {
		const { h, sim, node, byId } = env;
		const c = sim.state.campaigns[0];
		const full = await h.runNode(node({ resource: 'campaign', operation: 'get', campaignId: byId(c.id), simplify: false }));
		expect(full.outJson[0].dialing_strategy.calling_hours).toBeDefined();
		const users = await h.runNode(node({ resource: 'campaign', operation: 'getUsers', campaignId: byId(c.id), returnAll: false, limit: 5 }));
		expect(users.outJson).toHaveLength(5);
		expect(users.outJson[0]).toEqual({ id: sim.state.users.get(c.id)[0].id, campaign_id: c.id });
		const numbers = await h.runNode(node({ resource: 'campaign', operation: 'getNumbers', campaignId: byId(c.id), returnAll: true }));
		expect(numbers.outJson.map((n) => n.phone_number)).toEqual(sim.state.numbers.get(c.id).map((n) => n.phone_number));
	});

	test('Start and Pause send the documented PATCH and return the updated campaign', async () => {
		const { h, sim, node, byId } = env;
		const c = sim.state.campaigns.find((x) => x.status === 'READY');
		const started = await h.runNode(node({ resource: 'campaign', operation: 'start', campaignId: byId(c.id) }));
		expect(started.outJson[0]).toMatchObject({ id: c.id, status: 'RUNNING' });
		const paused = await h.runNode(node({ resource: 'campaign', operation: 'pause', campaignId: byId(c.id) }));
		expect(paused.outJson[0].status).toBe('PAUSED');
		expect(sim.requests('PATCH', `/campaigns/${c.id}`).map((e) => e.body)).toEqual([
			{ op: 'REPLACE', path: 'status', value: 'running' },
			{ op: 'REPLACE', path: 'status', value: 'paused' },
		]);
	});

	test('404 names the missing campaign id; Continue On Fail gives one error item per failed input', async () => {
		const { h, sim, node } = env;
		const good = sim.state.campaigns[2].id;
		const r = await h.runNode(node({ resource: 'campaign', operation: 'get', campaignId: { __rl: true, mode: 'id', value: '={{$json.id}}' } }, { continueOnFail: true }), [{ json: { id: good } }, { json: { id: 'no-such-campaign' } }, { json: { id: '' } }]);
		expect(r.out.map((i) => i.pairedItem.item)).toEqual([0, 1, 2]);
		expect(r.outJson[0].id).toBe(good);
		expect(r.outJson[1].error).toBe('Talkdesk has no campaign with ID "no-such-campaign" (while trying to get campaign "no-such-campaign")');
		expect(r.outJson[2].error).toMatch(/Item 3: Campaign is empty/);
		const failing = await h.runNode(node({ resource: 'campaign', operation: 'get', campaignId: { __rl: true, mode: 'id', value: 'missing-1' } }));
		expect((failing.error || failing.nodeError).message).toMatch(/no campaign with ID "missing-1"/);
	});

	test('missing scope: 403 message says which scope to add', async () => {
		// The credential asks only for what the client is allowed (else the token itself is refused: see scopes tests).
		const e = await setup({}, { clientId: 'readonly-client', clientSecret: 'readonly-secret', scope: 'campaigns:read' });
		try {
			const c = e.sim.state.campaigns.find((x) => x.status === 'READY');
			const r = await e.h.runNode(e.node({ resource: 'campaign', operation: 'pause', campaignId: e.byId(c.id) }));
			const err = r.error || r.nodeError;
			expect(err.message).toBe(`Talkdesk refused to pause campaign "${c.id}": the credential is missing the scope "campaigns:write"`);
			expect(err.description).toMatch(/add it to Scopes in the n8n credential/);
			const lists = await e.h.runNode(e.node({ resource: 'recordList', operation: 'getMany', returnAll: true }));
			expect((lists.error || lists.nodeError).message).toMatch(/missing the scope "record-lists:manage"/);
			expect(e.sim.requests('POST', '/oauth/token')[0].body.scope).toBe('campaigns:read');
		} finally {
			await e.sim.stop();
		}
	});

	test('Create: every field mapped into the documented body', async () => {
		const { h, sim, node } = env;
		const r = await h.runNode(node({
			resource: 'campaign',
			operation: 'create',
			name: 'Spring renewals',
			dialingMode: 'PREDICTIVE',
			priority: 8,
			callingHours: { windows: [{ from: '9:30', to: '17:00', weekDays: ['TUESDAY', 'MONDAY'] }, { from: '10:00', to: '14:00', weekDays: ['SATURDAY'] }] },
			additionalFields: { answeringMachineDetection: true, maxAbandonmentRate: 3, maxDialingRatio: 2, maxRingTimeInSecs: 25, abandonmentTimeout: 5, strategyType: 'AUTOMATIC', maxSkipAttempts: 2, previewTimeout: 20, maxAttempts: 4, retryPeriod: 2, retryTimeUnit: 'HOURS', listsSortingCriteria: 'LIFO' },
			dispositions: { busy: { statusAfterCall: 'RETRY', custom: true, maxAttempts: 5, retryPeriod: 10, retryPeriodTimeUnit: 'MINUTES' }, answeringMachineDetection: { statusAfterCall: 'FINAL', custom: true, maxAttempts: 1, retryPeriod: 1, retryPeriodTimeUnit: 'DAYS' } },
			recordChain: { rules: [{ type: 'MOBILE', maxAttempts: 3, retryPeriod: 1, retryPeriodTimeUnit: 'HOURS' }] },
		}));
		expect(r.error).toBeUndefined();
		expect(r.outJson[0]).toMatchObject({ name: 'Spring renewals', status: 'INCOMPLETE' });
		const body = sim.requests('POST', '/campaigns')[0].body;
		expect(body).toMatchObject({
			name: 'Spring renewals',
			dialing_mode: 'PREDICTIVE',
			priority: 8,
			dialing_mode_configuration: { answering_machine_detection: true, max_abandonment_rate: 3, max_dialing_ratio: 2, max_ring_time_in_secs: 25, abandonment_timeout: { amount: 5 } },
			dialing_strategy: {
				max_skip_attempts: 2, strategy_type: 'AUTOMATIC', preview_timeout: 20, max_attempts: 4, retry_period: 2, retry_time_unit: 'HOURS', lists_sorting_criteria: 'LIFO',
				calling_hours: [{ from: '09:30:00', to: '17:00:00', week_days: ['MONDAY', 'TUESDAY'] }, { from: '10:00:00', to: '14:00:00', week_days: ['SATURDAY'] }],
			},
		});
		expect(body.dialing_strategy.dispositions.busy).toEqual({ status_after_call: 'RETRY', custom: true, max_attempts: 5, retry_period: 10, retry_period_time_unit: 'MINUTES' });
		expect(body.dialing_strategy.dispositions.no_answer.status_after_call).toBe('RETRY');
		expect(body.dialing_strategy.dispositions.invalid_number).toEqual({ status_after_call: 'FINAL' });
		expect(body.dialing_strategy.record_chain.map((x) => x.type)).toEqual(['HOME', 'OFFICE', 'MOBILE', 'EXTRA_1', 'EXTRA_2', 'EXTRA_3']);
		expect(body.dialing_strategy.record_chain[2].max_attempts).toBe(3);
	});

	test.each([
		[{ name: 'ab' }, /Item 1: Name must be 3 to 35 characters long \(got 2\)/],
		[{ name: 'x'.repeat(36) }, /Name must be 3 to 35/],
		[{ priority: 11 }, /Item 1: Priority must be from 1 to 10 \(got 11\)/],
		[{ additionalFields: { maxDialingRatio: 4 } }, /Max Dialing Ratio must be from 1 to 3/],
		[{ additionalFields: { maxRingTimeInSecs: 5 } }, /Max Ring Time \(Seconds\) must be from 6 to 120/],
		[{ additionalFields: { previewTimeout: 301 } }, /Preview Timeout \(Seconds\) must be from 6 to 300/],
		[{ callingHours: { windows: [{ from: '18:00', to: '09:00', weekDays: ['MONDAY'] }] } }, /Calling Hours window 1 To must be later than From/],
		[{ callingHours: { windows: [{ from: '25:00', to: '26:00', weekDays: ['MONDAY'] }] } }, /Calling Hours window 1 From must be a time/],
		[{ callingHours: { windows: [{ from: '09:00', to: '10:00', weekDays: [] }] } }, /Week Days needs at least one day/],
		[{ callingHours: {} }, /Calling Hours needs at least one window/],
		[{ recordChain: { rules: [{ type: 'HOME' }, { type: 'HOME' }] } }, /Record Chain rule 2 Phone Type repeats HOME/],
		[{ dispositions: { busy: { statusAfterCall: 'RETRY', maxAttempts: 0 } } }, /Call Outcomes Busy Max Attempts must be from 1 to 100/],
	])('Create validation %# names the field and sends nothing', async (override, message) => {
		const { h, sim, node } = env;
		const r = await h.runNode(node({ resource: 'campaign', operation: 'create', name: 'Valid name', dialingMode: 'PREVIEW', priority: 5, ...override }));
		const err = r.error || r.nodeError;
		expect(err.message).toMatch(message);
		expect(sim.ledger).toHaveLength(0);
	});

	test('vendor-side validation errors show Talkdesk fields; 429 is retried honouring Retry-After', async () => {
		const { h, sim, node } = env;
		sim.injectFault({ kind: 'status', status: 400, body: { code: '0400001', message: 'Bad Request', description: 'Errors were found in the submitted data', fields: [{ name: 'name', description: 'must be unique' }] }, match: (ctx) => ctx.method === 'POST' });
		const r = await h.runNode(node({ resource: 'campaign', operation: 'create', name: 'Dup name', dialingMode: 'PREVIEW', priority: 5 }));
		expect((r.error || r.nodeError).message).toBe('Talkdesk rejected the request to create campaign "Dup name": Errors were found in the submitted data — fields: name must be unique');
		sim.clearLedger();
		sim.injectFault({ kind: 'status', status: 429, headers: { 'retry-after': '1' } });
		const ok = await h.runNode(node({ resource: 'campaign', operation: 'get', campaignId: env.byId(sim.state.campaigns[0].id) }));
		expect(ok.outJson[0].id).toBe(sim.state.campaigns[0].id);
		const calls = sim.requests('GET', /^\/campaigns\//);
		expect(calls.map((c) => c.status)).toEqual([429, 200]);
		expect(calls[1].at - calls[0].at).toBeGreaterThanOrEqual(900);
	});

	test('list search for the campaign picker pages with the next link and filters by name', async () => {
		const { h, node } = env;
		const res = await h.loadOptions(node({}), 'listSearch', 'searchCampaigns', { filter: 'Campaign 00' });
		expect(res.results.length).toBe(9);
		expect(res.results[0].name).toMatch(/^Campaign 001 Renewals \(/);
	});
});
