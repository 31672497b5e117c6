import { campaignSubList } from './campaignSubList';

export const { description, execute } = campaignSubList('getNumbers', 'numbers', 'phone numbers');
