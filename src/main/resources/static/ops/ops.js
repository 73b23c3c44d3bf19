// The operators' dashboard: reads /ops/api (staff login: Camunda's webapp session) and draws it with Chart.js.
// Numbers are written as text (data-kpi) and every chart records what it drew (data-chart on its canvas), so that a
// test reads them from the DOM.
'use strict';

const $ = (id) => document.getElementById(id);
const charts = {};
const COLORS = { JD_APP: '#d9342b', WECHAT: '#2aae67', overdue: '#d9534f', soon: '#f0ad4e', later: '#5b9bd5' };
let loginBase = '/camunda/api/admin/auth/user/default';

function show(id, visible) { $(id).hidden = !visible; }

function error(message) {
  $('error').textContent = message || '';
  show('error', !!message);
}

async function problem(response) {
  try {
    const body = await response.json();
    return body;
  } catch (e) {
    return { status: response.status, detail: response.statusText };
  }
}

// ---- login: Camunda's own endpoint, so that the session is the webapps' one ------------------------------------

async function csrfToken() {
  const response = await fetch(loginBase, { credentials: 'same-origin' });
  return response.headers.get('X-XSRF-TOKEN');
}

async function login(event) {
  event.preventDefault();
  error('');
  const token = await csrfToken();
  const body = new URLSearchParams({ username: $('username').value, password: $('password').value });
  const response = await fetch(loginBase + '/login/welcome', {
    method: 'POST', credentials: 'same-origin', body,
    headers: token ? { 'X-XSRF-TOKEN': token } : {},
  });
  $('password').value = '';
  if (!response.ok) {
    const p = await problem(response);
    error('Login failed (' + response.status + '): ' + (p.message || p.detail || 'wrong user or password'));
    return;
  }
  await start();
}

async function logout() {
  const token = await csrfToken();
  await fetch(loginBase + '/logout', { method: 'POST', credentials: 'same-origin',
    headers: token ? { 'X-XSRF-TOKEN': token } : {} });
  location.reload();
}

// ---- the period --------------------------------------------------------------------------------------------

function addDays(isoDate, days) {
  const d = new Date(isoDate + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function query() {
  const params = new URLSearchParams(location.search);
  const from = params.get('from');
  const to = params.get('to');
  const q = new URLSearchParams();
  if (from) q.set('from', from);
  if (to) q.set('to', to);
  return q.toString();
}

function pick(event) {
  event.preventDefault();
  history.replaceState(null, '', '?from=' + $('from').value + '&to=' + $('to').value);
  load();
}

function last7() {
  history.replaceState(null, '', location.pathname);
  load();
}

// ---- drawing -----------------------------------------------------------------------------------------------

function draw(id, config) {
  if (charts[id]) charts[id].destroy();
  config.options = Object.assign({ animation: false, responsive: true, maintainAspectRatio: false }, config.options || {});
  const canvas = $(id);
  const chart = new Chart(canvas, config);
  charts[id] = chart;
  // what was drawn, for tests and for anyone who reads the page's source
  canvas.dataset.chart = JSON.stringify({
    labels: chart.data.labels,
    datasets: chart.data.datasets.map((d) => ({ label: d.label, data: d.data })),
  });
}

function kpi(name, value) {
  document.querySelectorAll('[data-kpi="' + name + '"]').forEach((el) => {
    el.textContent = value === null || value === undefined ? '–' : String(value);
  });
}

function percent(rate) {
  return rate === null || rate === undefined ? null : (Number(rate) * 100).toFixed(2) + '%';
}

// an instant as Beijing time (the application's days are Beijing days), to the second
function when(instant) {
  if (!instant) return '–';
  const beijing = new Date(Date.parse(instant) + 8 * 3600 * 1000).toISOString();
  return beijing.slice(0, 10) + ' ' + beijing.slice(11, 19);
}

function oneDecimal(value) {
  return value === null || value === undefined ? null : Number(value).toFixed(1);
}

function cell(row, text, href) {
  const td = document.createElement('td');
  if (href) {
    const a = document.createElement('a');
    a.href = href;
    a.textContent = text;
    a.target = '_blank';
    td.appendChild(a);
  } else {
    td.textContent = text === null || text === undefined ? '–' : String(text);
  }
  row.appendChild(td);
  return td;
}

function render(d) {
  const clock = $('clock');
  clock.textContent = (d.testClock ? 'Test clock now: ' : 'Now: ') + when(d.now) + ' (Beijing) · today ' + d.today;
  clock.classList.toggle('test', d.testClock);
  clock.dataset.now = d.now;
  clock.dataset.testClock = String(d.testClock);
  clock.dataset.today = d.today;
  $('from').value = d.period.from;
  $('to').value = d.period.to;
  $('period-text').textContent = 'bindings and payments created from ' + d.period.from + ' to ' + d.period.to
    + ' (not included)';

  const jd = d.funnel.channels.JD_APP;
  const wx = d.funnel.channels.WECHAT;
  kpi('jdStarted', jd.started);
  kpi('wechatStarted', wx.started);
  kpi('jdSuccessRate', percent(jd.successRate));
  kpi('wechatSuccessRate', percent(wx.successRate));
  kpi('gap', d.funnel.wechatVsJdAppSuccessRateGap);
  draw('funnel-chart', {
    type: 'bar',
    data: {
      labels: jd.reached.map((s) => s.status),
      datasets: [
        { label: 'JD_APP', data: jd.reached.map((s) => s.count), backgroundColor: COLORS.JD_APP },
        { label: 'WECHAT', data: wx.reached.map((s) => s.count), backgroundColor: COLORS.WECHAT },
      ],
    },
    options: { plugins: { title: { display: true, text: 'Bindings that reached each step (gap '
      + (d.funnel.wechatVsJdAppSuccessRateGap ?? '–') + ' points)' } } },
  });

  const seconds = (t, f) => (t[f] === null || t[f] === undefined ? null : Number(t[f]));
  kpi('jdMedian', oneDecimal(jd.timeToActive.medianSeconds));
  kpi('jdP90', oneDecimal(jd.timeToActive.p90Seconds));
  kpi('wechatMedian', oneDecimal(wx.timeToActive.medianSeconds));
  kpi('wechatP90', oneDecimal(wx.timeToActive.p90Seconds));
  draw('time-chart', {
    type: 'bar',
    data: {
      labels: ['median (s)', 'p90 (s)', 'mean (s)'],
      datasets: [
        { label: 'JD_APP', backgroundColor: COLORS.JD_APP, data: ['medianSeconds', 'p90Seconds', 'meanSeconds'].map((f) => seconds(jd.timeToActive, f)) },
        { label: 'WECHAT', backgroundColor: COLORS.WECHAT, data: ['medianSeconds', 'p90Seconds', 'meanSeconds'].map((f) => seconds(wx.timeToActive, f)) },
      ],
    },
  });

  const kpis = $('review-kpis');
  kpis.textContent = '';
  d.reviews.forEach((r) => {
    const span = document.createElement('span');
    span.dataset.review = r.kind;
    span.dataset.open = r.open;
    span.dataset.overdue = r.overdue;
    span.textContent = r.title + ' (SLA ' + r.sla + '): ' + r.open + ' open, ' + r.overdue + ' overdue, '
      + r.dueWithin24h + ' due within 24 h. ';
    kpis.appendChild(span);
  });
  draw('reviews-chart', {
    type: 'bar',
    data: {
      labels: d.reviews.map((r) => r.title),
      datasets: [
        { label: 'overdue', backgroundColor: COLORS.overdue, data: d.reviews.map((r) => r.overdue) },
        { label: 'due within 24 h', backgroundColor: COLORS.soon, data: d.reviews.map((r) => r.dueWithin24h) },
        { label: 'later', backgroundColor: COLORS.later, data: d.reviews.map((r) => r.open - r.overdue - r.dueWithin24h) },
      ],
    },
    options: { indexAxis: 'y', scales: { x: { stacked: true, ticks: { precision: 0 } }, y: { stacked: true } } },
  });
  const reviewRows = $('review-table').querySelector('tbody');
  reviewRows.textContent = '';
  d.reviews.forEach((r) => r.cases.forEach((c) => {
    const row = document.createElement('tr');
    if (c.overdue) row.className = 'overdue';
    cell(row, c.taskName, c.tasklistUrl);
    cell(row, c.businessKey);
    cell(row, when(c.due) + (c.overdue ? ' (overdue)' : ''));
    cell(row, c.assignee || 'unclaimed');
    reviewRows.appendChild(row);
  }));

  const scenarios = Object.keys(d.payments.byScenario);
  kpi('paymentFailureRate', percent(d.payments.all.failureRate));
  kpi('paymentAttempts', d.payments.all.attempts);
  draw('payments-chart', {
    type: 'bar',
    data: {
      labels: scenarios,
      datasets: [{ label: 'failure rate (%)', backgroundColor: COLORS.overdue,
        data: scenarios.map((s) => { const r = d.payments.byScenario[s].failureRate; return r === null ? null : Number((Number(r) * 100).toFixed(2)); }) }],
    },
    options: { plugins: { title: { display: true, text: 'Failure rate by scenario (%)' } } },
  });
  draw('reasons-chart', {
    type: 'bar',
    data: {
      labels: d.payments.all.failedByReason.map((r) => r.reason),
      datasets: [{ label: 'failed payments', backgroundColor: COLORS.soon, data: d.payments.all.failedByReason.map((r) => r.count) }],
    },
    options: { indexAxis: 'y', plugins: { title: { display: true, text: 'Failed payments by first reason' } },
      scales: { x: { ticks: { precision: 0 } } } },
  });

  kpi('incidents', d.incidents.open);
  const incidentRows = $('incident-table').querySelector('tbody');
  incidentRows.textContent = '';
  d.incidents.items.forEach((i) => {
    const row = document.createElement('tr');
    cell(row, when(i.since));
    cell(row, i.processDefinitionKey);
    cell(row, i.activityId);
    cell(row, i.message);
    cell(row, 'open in Cockpit', i.cockpitUrl).querySelector('a').dataset.incident = i.id;
    incidentRows.appendChild(row);
  });
  document.body.dataset.loaded = 'true';
}

async function load() {
  error('');
  document.body.dataset.loaded = 'false';
  const q = query();
  const response = await fetch('/ops/api/dashboard' + (q ? '?' + q : ''), { credentials: 'same-origin' });
  if (response.status === 401) {
    show('dashboard', false);
    show('login', true);
    return;
  }
  if (!response.ok) {
    const p = await problem(response);
    error((p.field ? p.field + ': ' : '') + (p.detail || ('HTTP ' + response.status)));
    document.body.dataset.loaded = 'error';
    return;
  }
  render(await response.json());
}

async function start() {
  const me = await fetch('/ops/api/me', { credentials: 'same-origin' });
  if (me.status === 401) {
    const p = await problem(me);
    if (p.login) loginBase = p.login;
    show('login', true);
    show('dashboard', false);
    show('who', false);
    return;
  }
  if (!me.ok) {
    const p = await problem(me);
    show('login', true);
    show('who', true);
    $('user').textContent = '';
    error(p.detail || ('HTTP ' + me.status));
    return;
  }
  const who = await me.json();
  $('user').textContent = who.userId;
  show('who', true);
  show('login', false);
  show('dashboard', true);
  await load();
}

document.addEventListener('DOMContentLoaded', () => {
  $('login-form').addEventListener('submit', login);
  $('logout').addEventListener('click', logout);
  $('period').addEventListener('submit', pick);
  $('last7').addEventListener('click', last7);
  start().catch((e) => error(String(e)));
});
