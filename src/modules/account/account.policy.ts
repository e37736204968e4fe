import { action, type Policy } from '../../common/policy.js';

export const accountActions = {
  changePassword: action({
    name: 'account.password.change',
    description: '修改本人的登录密码（须提供当前密码）',
    scopes: { EXPERT: 'self', SERVICE_PROVIDER: 'self', ENTERPRISE_USER: 'self', PROVINCIAL_ADMIN: 'self', NATIONAL_ADMIN: 'self' },
    refusal: '请先登录',
  }),
};

export const accountPolicy: Policy = {
  actions: Object.values(accountActions),
};
