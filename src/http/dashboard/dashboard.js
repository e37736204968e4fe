// The statistics dashboard (docs/reporting.md, "Dashboard"): public figures from publicStatistics,
// drawn with ECharts (served from this server, no CDN); a signed-in bureau also sees its own
// jurisdiction beside the nation (compareRegion: its own figures unsuppressed). The numbers drawn
// are kept in window.dashboardData (and in the tables under the charts).
/* global echarts, document, window, location, sessionStorage, fetch, FormData */
const GRAPHQL = '/graphql';
const TOKEN = 'ip-dashboard-token';

const Q = {
  byRegion: `query DashboardTitledByRegion { publicStatistics(query: { measures: [DEMONSTRATION_ENTERPRISES, ADVANTAGE_ENTERPRISES], dimensions: [REGION] }) { suppressionThreshold rows { isTotal keys { value label } values { measure value suppressed } } } }`,
  designations: `query DashboardDesignationsByYear { publicStatistics(query: { measures: [DESIGNATIONS], dimensions: [YEAR, DESIGNATION_LEVEL] }) { rows { isTotal keys { value label isTotal } values { value suppressed } } } }`,
  completions: `query DashboardCompletionsByYear { publicStatistics(query: { measures: [COMPLETIONS], dimensions: [YEAR, TRAINING_TIER] }) { rows { isTotal keys { value label isTotal } values { value suppressed } } } }`,
  compare: `query DashboardCompareRegion($region: RegionCode!) { publicStatistics(query: { measures: [DEMONSTRATION_ENTERPRISES, ADVANTAGE_ENTERPRISES], dimensions: [REGION], compareRegion: $region }) { comparison { measure region national share suppressed } } }`,
  me: `query DashboardMe { me { role user { username region { code name } } } }`,
};

async function gql(query, variables) {
  const token = sessionStorage.getItem(TOKEN);
  const res = await fetch(GRAPHQL, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify({ query, variables }) });
  const body = await res.json();
  if (body.errors) throw new Error(body.errors[0].message);
  return body.data;
}

const shown = (v) => (v.suppressed ? '—' : String(v.value));

function table(id, head, rows) {
  const el = document.getElementById(id);
  el.replaceChildren();
  const tr = (cells, tag) => {
    const row = document.createElement('tr');
    for (const c of cells) {
      const cell = document.createElement(tag);
      cell.textContent = c;
      row.append(cell);
    }
    return row;
  };
  el.append(tr(head, 'th'), ...rows.map((r) => tr(r, 'td')));
}

function chart(id, option) {
  const c = echarts.init(document.getElementById(id), null, { renderer: 'canvas' });
  c.setOption({ animation: false, tooltip: { trigger: 'axis' }, legend: {}, ...option });
  return c;
}

/** Rows of a YEAR × other table as { years, series: { label: [values] } } (suppressed → 0, with the table saying "—"). */
function byYear(rows) {
  const detail = rows.filter((r) => !r.isTotal);
  const years = [...new Set(detail.map((r) => r.keys[0].value))];
  const labels = [...new Set(detail.map((r) => r.keys[1].label))];
  const series = Object.fromEntries(labels.map((l) => [l, years.map((y) => detail.find((r) => r.keys[0].value === y && r.keys[1].label === l)?.values[0])]));
  return { years, labels, series };
}

async function draw() {
  const data = {};
  const [byRegion, designations, completions] = await Promise.all([gql(Q.byRegion), gql(Q.designations), gql(Q.completions)]);
  document.getElementById('threshold').textContent = byRegion.publicStatistics.suppressionThreshold;
  const regions = byRegion.publicStatistics.rows.filter((r) => !r.isTotal);
  data.byRegion = regions.map((r) => ({ region: r.keys[0].value, label: r.keys[0].label, demonstration: r.values[0].suppressed ? null : r.values[0].value, advantage: r.values[1].suppressed ? null : r.values[1].value }));
  const sorted = [...regions].sort((a, b) => (b.values[0].value ?? 0) + (b.values[1].value ?? 0) - ((a.values[0].value ?? 0) + (a.values[1].value ?? 0))).reverse();
  chart('byRegion', {
    grid: { left: 120, right: 24, top: 32, bottom: 24 },
    xAxis: { type: 'value' },
    yAxis: { type: 'category', data: sorted.map((r) => r.keys[0].label) },
    series: [
      { name: '示范企业', type: 'bar', stack: 't', data: sorted.map((r) => r.values[0].value ?? 0) },
      { name: '优势企业', type: 'bar', stack: 't', data: sorted.map((r) => r.values[1].value ?? 0) },
    ],
  });
  table('byRegionTable', ['辖区', '示范企业', '优势企业'], byRegion.publicStatistics.rows.map((r) => [r.keys[0].label, shown(r.values[0]), shown(r.values[1])]));

  for (const [id, answer, name] of [
    ['designations', designations, '认定'],
    ['completions', completions, '结业'],
  ]) {
    const { years, labels, series } = byYear(answer.publicStatistics.rows);
    data[id] = answer.publicStatistics.rows.filter((r) => !r.isTotal).map((r) => ({ year: r.keys[0].value, key: r.keys[1].value, value: r.values[0].suppressed ? null : r.values[0].value }));
    chart(id, {
      grid: { left: 48, right: 24, top: 40, bottom: 32 },
      xAxis: { type: 'category', data: years },
      yAxis: { type: 'value', name },
      series: labels.map((l) => ({ name: l, type: 'bar', stack: 'y', data: series[l].map((v) => v?.value ?? 0) })),
    });
    table(`${id}Table`, ['年度', ...labels], years.map((y, i) => [y, ...labels.map((l) => (series[l][i] ? shown(series[l][i]) : '0'))]));
  }

  const token = sessionStorage.getItem(TOKEN);
  if (token) {
    const me = (await gql(Q.me)).me.user ?? {};
    document.getElementById('who').textContent = `${me.username ?? ''}${me.region ? `（${me.region.name}）` : ''}`;
    document.getElementById('logout').hidden = false;
    if (me.region) {
      const { publicStatistics } = await gql(Q.compare, { region: me.region.code });
      data.compare = publicStatistics.comparison;
      document.getElementById('compare').hidden = false;
      const names = { DEMONSTRATION_ENTERPRISES: '示范企业', ADVANTAGE_ENTERPRISES: '优势企业' };
      table('compareTable', ['指标', me.region.name, '全国', '占比'], publicStatistics.comparison.map((c) => [names[c.measure] ?? c.measure, c.region ?? '—', c.national ?? '—', c.share == null ? '—' : `${(c.share * 100).toFixed(1)}%`]));
    }
  }
  window.dashboardData = data;
  document.body.dataset.ready = 'true';
}

document.getElementById('login').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  try {
    const data = await gql(`mutation DashboardLogin($u: String!, $p: String!) { login(input: { username: $u, password: $p }) { accessToken } }`, { u: form.get('username'), p: form.get('password') });
    sessionStorage.setItem(TOKEN, data.login.accessToken);
    location.reload();
  } catch (error) {
    document.getElementById('who').textContent = `登录失败：${error.message}`;
  }
});
document.getElementById('logout').addEventListener('click', () => {
  sessionStorage.removeItem(TOKEN);
  location.reload();
});

draw().catch((error) => {
  document.body.dataset.error = error.message;
  document.getElementById('who').textContent = `加载失败：${error.message}`;
});
