/**
 * Provincial-level IP administration regions.
 *
 * Codes follow GB/T 2260 (中华人民共和国行政区划代码). Covers the 31 mainland
 * provinces / autonomous regions / municipalities (Hong Kong, Macao and Taiwan
 * excluded), the 5 separately planned cities (计划单列市) and the Xinjiang
 * Production and Construction Corps (新疆生产建设兵团).
 */

export type RegionKind = 'PROVINCE' | 'AUTONOMOUS_REGION' | 'MUNICIPALITY' | 'SEPARATELY_PLANNED_CITY' | 'XPCC';

export interface RegionSeed {
  code: string;
  name: string;
  shortName: string;
  nameEn: string;
  kind: RegionKind;
  parentCode: string | null;
  bureauName: string;
  sortOrder: number;
}

export const REGIONS: readonly RegionSeed[] = [
  { code: '110000', name: '北京市', shortName: '北京', nameEn: 'Beijing', kind: 'MUNICIPALITY', parentCode: null, bureauName: '北京市知识产权局', sortOrder: 1 },
  { code: '120000', name: '天津市', shortName: '天津', nameEn: 'Tianjin', kind: 'MUNICIPALITY', parentCode: null, bureauName: '天津市知识产权局', sortOrder: 2 },
  { code: '130000', name: '河北省', shortName: '河北', nameEn: 'Hebei', kind: 'PROVINCE', parentCode: null, bureauName: '河北省知识产权局', sortOrder: 3 },
  { code: '140000', name: '山西省', shortName: '山西', nameEn: 'Shanxi', kind: 'PROVINCE', parentCode: null, bureauName: '山西省知识产权局', sortOrder: 4 },
  { code: '150000', name: '内蒙古自治区', shortName: '内蒙古', nameEn: 'Inner Mongolia', kind: 'AUTONOMOUS_REGION', parentCode: null, bureauName: '内蒙古自治区知识产权局', sortOrder: 5 },
  { code: '210000', name: '辽宁省', shortName: '辽宁', nameEn: 'Liaoning', kind: 'PROVINCE', parentCode: null, bureauName: '辽宁省知识产权局', sortOrder: 6 },
  { code: '220000', name: '吉林省', shortName: '吉林', nameEn: 'Jilin', kind: 'PROVINCE', parentCode: null, bureauName: '吉林省知识产权局', sortOrder: 7 },
  { code: '230000', name: '黑龙江省', shortName: '黑龙江', nameEn: 'Heilongjiang', kind: 'PROVINCE', parentCode: null, bureauName: '黑龙江省知识产权局', sortOrder: 8 },
  { code: '310000', name: '上海市', shortName: '上海', nameEn: 'Shanghai', kind: 'MUNICIPALITY', parentCode: null, bureauName: '上海市知识产权局', sortOrder: 9 },
  { code: '320000', name: '江苏省', shortName: '江苏', nameEn: 'Jiangsu', kind: 'PROVINCE', parentCode: null, bureauName: '江苏省知识产权局', sortOrder: 10 },
  { code: '330000', name: '浙江省', shortName: '浙江', nameEn: 'Zhejiang', kind: 'PROVINCE', parentCode: null, bureauName: '浙江省知识产权局', sortOrder: 11 },
  { code: '340000', name: '安徽省', shortName: '安徽', nameEn: 'Anhui', kind: 'PROVINCE', parentCode: null, bureauName: '安徽省知识产权局', sortOrder: 12 },
  { code: '350000', name: '福建省', shortName: '福建', nameEn: 'Fujian', kind: 'PROVINCE', parentCode: null, bureauName: '福建省知识产权局', sortOrder: 13 },
  { code: '360000', name: '江西省', shortName: '江西', nameEn: 'Jiangxi', kind: 'PROVINCE', parentCode: null, bureauName: '江西省知识产权局', sortOrder: 14 },
  { code: '370000', name: '山东省', shortName: '山东', nameEn: 'Shandong', kind: 'PROVINCE', parentCode: null, bureauName: '山东省知识产权局', sortOrder: 15 },
  { code: '410000', name: '河南省', shortName: '河南', nameEn: 'Henan', kind: 'PROVINCE', parentCode: null, bureauName: '河南省知识产权局', sortOrder: 16 },
  { code: '420000', name: '湖北省', shortName: '湖北', nameEn: 'Hubei', kind: 'PROVINCE', parentCode: null, bureauName: '湖北省知识产权局', sortOrder: 17 },
  { code: '430000', name: '湖南省', shortName: '湖南', nameEn: 'Hunan', kind: 'PROVINCE', parentCode: null, bureauName: '湖南省知识产权局', sortOrder: 18 },
  { code: '440000', name: '广东省', shortName: '广东', nameEn: 'Guangdong', kind: 'PROVINCE', parentCode: null, bureauName: '广东省知识产权局', sortOrder: 19 },
  { code: '450000', name: '广西壮族自治区', shortName: '广西', nameEn: 'Guangxi', kind: 'AUTONOMOUS_REGION', parentCode: null, bureauName: '广西壮族自治区知识产权局', sortOrder: 20 },
  { code: '460000', name: '海南省', shortName: '海南', nameEn: 'Hainan', kind: 'PROVINCE', parentCode: null, bureauName: '海南省知识产权局', sortOrder: 21 },
  { code: '500000', name: '重庆市', shortName: '重庆', nameEn: 'Chongqing', kind: 'MUNICIPALITY', parentCode: null, bureauName: '重庆市知识产权局', sortOrder: 22 },
  { code: '510000', name: '四川省', shortName: '四川', nameEn: 'Sichuan', kind: 'PROVINCE', parentCode: null, bureauName: '四川省知识产权局', sortOrder: 23 },
  { code: '520000', name: '贵州省', shortName: '贵州', nameEn: 'Guizhou', kind: 'PROVINCE', parentCode: null, bureauName: '贵州省知识产权局', sortOrder: 24 },
  { code: '530000', name: '云南省', shortName: '云南', nameEn: 'Yunnan', kind: 'PROVINCE', parentCode: null, bureauName: '云南省知识产权局', sortOrder: 25 },
  { code: '540000', name: '西藏自治区', shortName: '西藏', nameEn: 'Tibet', kind: 'AUTONOMOUS_REGION', parentCode: null, bureauName: '西藏自治区知识产权局', sortOrder: 26 },
  { code: '610000', name: '陕西省', shortName: '陕西', nameEn: 'Shaanxi', kind: 'PROVINCE', parentCode: null, bureauName: '陕西省知识产权局', sortOrder: 27 },
  { code: '620000', name: '甘肃省', shortName: '甘肃', nameEn: 'Gansu', kind: 'PROVINCE', parentCode: null, bureauName: '甘肃省知识产权局', sortOrder: 28 },
  { code: '630000', name: '青海省', shortName: '青海', nameEn: 'Qinghai', kind: 'PROVINCE', parentCode: null, bureauName: '青海省知识产权局', sortOrder: 29 },
  { code: '640000', name: '宁夏回族自治区', shortName: '宁夏', nameEn: 'Ningxia', kind: 'AUTONOMOUS_REGION', parentCode: null, bureauName: '宁夏回族自治区知识产权局', sortOrder: 30 },
  { code: '650000', name: '新疆维吾尔自治区', shortName: '新疆', nameEn: 'Xinjiang', kind: 'AUTONOMOUS_REGION', parentCode: null, bureauName: '新疆维吾尔自治区知识产权局', sortOrder: 31 },

  // Separately planned cities (计划单列市), GB/T 2260 prefecture-level codes.
  { code: '210200', name: '大连市', shortName: '大连', nameEn: 'Dalian', kind: 'SEPARATELY_PLANNED_CITY', parentCode: '210000', bureauName: '大连市知识产权局', sortOrder: 32 },
  { code: '330200', name: '宁波市', shortName: '宁波', nameEn: 'Ningbo', kind: 'SEPARATELY_PLANNED_CITY', parentCode: '330000', bureauName: '宁波市知识产权局', sortOrder: 33 },
  { code: '350200', name: '厦门市', shortName: '厦门', nameEn: 'Xiamen', kind: 'SEPARATELY_PLANNED_CITY', parentCode: '350000', bureauName: '厦门市知识产权局', sortOrder: 34 },
  { code: '370200', name: '青岛市', shortName: '青岛', nameEn: 'Qingdao', kind: 'SEPARATELY_PLANNED_CITY', parentCode: '370000', bureauName: '青岛市知识产权局', sortOrder: 35 },
  { code: '440300', name: '深圳市', shortName: '深圳', nameEn: 'Shenzhen', kind: 'SEPARATELY_PLANNED_CITY', parentCode: '440000', bureauName: '深圳市知识产权局', sortOrder: 36 },

  // Xinjiang Production and Construction Corps. GB/T 2260 assigns the Corps no
  // code; '660000' is the conventional code used for it in statistical systems.
  { code: '660000', name: '新疆生产建设兵团', shortName: '兵团', nameEn: 'Xinjiang Production and Construction Corps', kind: 'XPCC', parentCode: '650000', bureauName: '新疆生产建设兵团知识产权局', sortOrder: 37 },
];

export const NATIONAL_BUREAU = {
  code: '100000',
  name: '国家知识产权局',
  nameEn: 'China National Intellectual Property Administration',
} as const;
