import { accountList } from '../accountList';

export const { description, execute } = accountList({ path: '/record-lists', key: 'record_lists', action: 'list record lists', scope: 'record-lists:manage' });
