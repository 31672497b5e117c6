import { accountList } from '../accountList';

export const { description, execute } = accountList({ path: '/do-not-call-lists', key: 'do_not_call_lists', action: 'list do-not-call lists', scope: 'do-not-call-lists:manage' });
