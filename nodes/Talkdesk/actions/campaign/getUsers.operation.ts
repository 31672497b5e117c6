import { campaignSubList } from './campaignSubList';

export const { description, execute } = campaignSubList('getUsers', 'users', 'assigned users');
