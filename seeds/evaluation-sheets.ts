/**
 * Tables A and B of the evaluation index system [D 三(一)2] as the demo data and the tests use them:
 * plausible sections and items modelled on the areas of 《国家知识产权示范企业知识产权评价指标体系》
 * (A: the enterprise's IP management foundations; B: creation, use, protection, overseas layout and
 * performance), 100 points each. Illustrative: the national bureau enters the real ones.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { v7 as uuidv7 } from 'uuid';

export interface SheetItemSeed {
  code: string;
  name: string;
  maxPoints: number;
  guidance: string | null;
}
export interface SheetSectionSeed {
  code: string;
  name: string;
  items: SheetItemSeed[];
}

const item = (code: string, name: string, maxPoints: number, guidance: string | null = null): SheetItemSeed => ({ code, name, maxPoints, guidance });

export const SHEET_SECTIONS: Record<'A' | 'B', SheetSectionSeed[]> = {
  A: [
    {
      code: 'A1',
      name: '知识产权管理体系',
      items: [
        item('A1.1', '贯彻《企业知识产权管理规范》（GB/T 29490）并通过认证', 10, '提供认证证书；通过认证满一个监督周期得满分'),
        item('A1.2', '知识产权管理制度健全并有效运行', 10, '制度覆盖立项、研发、采购、生产、销售全过程'),
      ],
    },
    {
      code: 'A2',
      name: '知识产权战略',
      items: [
        item('A2.1', '制定企业知识产权战略并与经营发展战略衔接', 10),
        item('A2.2', '建立专利导航决策机制，专利分析支撑重大决策', 10, '提供导航分析报告及其在重大决策中的应用说明'),
      ],
    },
    {
      code: 'A3',
      name: '机构与人员',
      items: [
        item('A3.1', '设立独立的知识产权管理机构', 8),
        item('A3.2', '配备专职知识产权管理和实务人员', 7),
        item('A3.3', '开展分层分类的知识产权培训', 5),
      ],
    },
    {
      code: 'A4',
      name: '经费保障',
      items: [
        item('A4.1', '知识产权工作经费纳入年度预算并足额保障', 10),
        item('A4.2', '研发投入占营业收入的比例', 10, '按近三年平均值计分'),
      ],
    },
    {
      code: 'A5',
      name: '信息利用与风险管控',
      items: [
        item('A5.1', '开展专利信息检索与分析', 10),
        item('A5.2', '建立知识产权风险预警和纠纷应对机制', 10),
      ],
    },
  ],
  B: [
    {
      code: 'B1',
      name: '知识产权创造',
      items: [
        item('B1.1', '发明专利申请量和授权量', 10, '按近三年数据计分'),
        item('B1.2', '有效发明专利拥有量', 10),
        item('B1.3', '商标、著作权等其他知识产权', 5),
      ],
    },
    {
      code: 'B2',
      name: '知识产权运用',
      items: [
        item('B2.1', '专利转让、许可等运营收益', 8),
        item('B2.2', '知识产权质押融资、作价入股', 6),
        item('B2.3', '主导或参与制定标准，加入产业知识产权联盟', 6),
      ],
    },
    {
      code: 'B3',
      name: '知识产权保护',
      items: [
        item('B3.1', '维权与应诉能力', 10),
        item('B3.2', '商业秘密保护', 5),
        item('B3.3', '近三年无知识产权违法违规记录', 5),
      ],
    },
    {
      code: 'B4',
      name: '海外布局',
      items: [
        item('B4.1', 'PCT 国际申请及海外专利授权', 8),
        item('B4.2', '海外商标注册', 4),
        item('B4.3', '海外知识产权纠纷应对', 3),
      ],
    },
    {
      code: 'B5',
      name: '绩效与影响力',
      items: [
        item('B5.1', '专利产品销售收入占营业收入的比例', 10),
        item('B5.2', '知识产权对经营效益的贡献', 5),
        item('B5.3', '行业影响力（标准、联盟、示范带动）', 5),
      ],
    },
  ],
};

export const sheetTitle = (year: number, table: 'A' | 'B') => `${year} 年度国家知识产权示范企业知识产权评价指标体系（${table} 表）`;

/** The saveEvaluationSheet input of a seed table. */
export function sheetInput(year: number, table: 'A' | 'B') {
  return { year, table, title: sheetTitle(year, table), sections: SHEET_SECTIONS[table] };
}

/**
 * Scores for each item of a seed table that sum to `total` (to a half point), each within its
 * maximum: the demo's self-assessments of applications that typed their totals.
 */
export function itemScores(table: 'A' | 'B', total: number): { table: 'A' | 'B'; code: string; name: string; score: number; maxScore: number }[] {
  const items = SHEET_SECTIONS[table].flatMap((s) => s.items);
  const ratio = Math.min(1, Math.max(0, total / 100));
  const scores = items.map((i) => Math.floor(i.maxPoints * ratio * 2) / 2);
  let rest = Math.round((total - scores.reduce((s, x) => s + x, 0)) * 2) / 2;
  for (let k = 0; rest > 0 && k < items.length * 200; k++) {
    const i = k % items.length;
    if (scores[i]! + 0.5 <= items[i]!.maxPoints) {
      scores[i]! += 0.5;
      rest -= 0.5;
    }
  }
  // A total that is not a multiple of half a point: the remainder goes to an item with room for it.
  const residual = Math.round((total - scores.reduce((s, x) => s + x, 0)) * 1000) / 1000;
  const room = scores.findIndex((x, k) => x + residual <= items[k]!.maxPoints && x + residual >= 0);
  if (residual !== 0 && room >= 0) scores[room] = Math.round((scores[room]! + residual) * 1000) / 1000;
  return items.map((i, k) => ({ table, code: i.code, name: i.name, score: scores[k]!, maxScore: i.maxPoints }));
}

/**
 * The demo's sheets: tables A and B for each of `years` (inserted as the national admin would
 * save them); and the applications of those years that typed their totals without items get the
 * item-by-item self-assessment those totals stand for, so that their bureau can check them.
 */
export async function loadEvaluationSheets(em: EntityManager, years: readonly number[], now: Date): Promise<void> {
  const run = (sql: string, params: unknown[]) => em.execute(sql, params, 'run');
  for (const year of years) {
    for (const table of ['A', 'B'] as const) {
      await run(
        `insert into evaluation_sheet (id, created_at, updated_at, year, evaluation_table, title, sections, max_total, version, updated_by)
         values (?, ?, ?, ?, ?, ?, ?, 100, 1, 'national-admin') on conflict do nothing`,
        [uuidv7(), now, now, year, table, sheetTitle(year, table), JSON.stringify(SHEET_SECTIONS[table])],
      );
    }
  }
  const apps = await em.execute<{ id: string; score_a: number; score_b: number }[]>(
    `select id, score_a, score_b from demonstration_application
      where year in (?) and score_a is not null and score_b is not null and indicators = '[]'::jsonb`,
    [years],
  );
  for (const app of apps) {
    await run(`update demonstration_application set indicators = ? where id = ?`, [JSON.stringify([...itemScores('A', app.score_a), ...itemScores('B', app.score_b)]), app.id]);
  }
}
