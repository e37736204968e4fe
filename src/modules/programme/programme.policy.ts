/**
 * The programme's rules (settings) and the official working-day calendar: public to read, kept by
 * the national bureau.
 */
import { action, type Policy } from '../../common/policy.js';

export const programmeActions = {
  updateSettings: action({
    name: 'programme.settings.update',
    description: '修改培育工作的可配置规则（评分线、名额比例、公示工作日、有效期等）',
    scopes: { NATIONAL_ADMIN: 'all' },
    refusal: '只有国家局可以修改培育工作规则和工作日历',
  }),
  setCalendar: action({
    name: 'programme.calendar.set',
    description: '录入某一年的工作日历（法定节假日和调休上班日）',
    scopes: { NATIONAL_ADMIN: 'all' },
    refusal: '只有国家局可以修改培育工作规则和工作日历',
  }),
  advanceClock: action({
    name: 'programme.clock.advance',
    description: '将演练时钟向前拨动（仅演练服务器，生产环境不可用）',
    scopes: { NATIONAL_ADMIN: 'all' },
    refusal: '只有国家局可以拨动演练时钟',
  }),
};

export const programmePolicy: Policy = {
  actions: Object.values(programmeActions),
};
