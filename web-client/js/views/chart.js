// An SVG line chart of utility across the session's proposals, offers and trades: mine for
// a party; every unsealed party's for a mediator. Drawn here, no chart library.
import { h, replace, s, uid } from '../dom.js';
import { nameOf, percent } from '../format.js';

const W = 640;
const H = 260;
// the right margin holds the walk-away and aspiration labels, outside the plot, so no point
// or line covers them and no label runs past the picture's edge
const PAD = { left: 48, right: 112, top: 16, bottom: 48 };
const LABEL_GAP = 13; // px between two guide labels' baselines, about one line of 11px text
// the same colours as .swatch.c0 .. .c7 in app.css (no inline styles: the page works under a strict CSP)
const COLOURS = ['#1f5fa8', '#b2410e', '#1d7a3a', '#7a3d99', '#8a6d00', '#0e6f7a', '#a8325e', '#444'];

function kindText(view, p) {
  if (p.kind === 'proposal') return `round ${p.round} proposal`;
  if (p.kind === 'offer') return `offer by ${nameOf(view, p.party)}`;
  if (p.kind === 'trade') return `trade by ${nameOf(view, p.party)}`;
  return p.kind;
}

export function chartSeries(view) {
  // in the order each package came to the table; one without a known seq goes last, never in the middle
  const seqOf = (p) => (Number.isInteger(p.seq) ? p.seq : Number.MAX_SAFE_INTEGER);
  const points = Object.values(view.packages).sort((a, b) => seqOf(a) - seqOf(b) || a.ref.localeCompare(b.ref));
  if (view.role === 'mediator') {
    const names = [...new Set(points.flatMap((p) => Object.keys(p.utilities ?? {})))];
    return { points, series: names.map((n) => ({ id: n, name: nameOf(view, n), values: points.map((p) => p.utilities?.[n]) })) };
  }
  return { points, series: [{ name: 'your score', values: points.map((p) => p.utility) }] };
}

export function renderChart(container, view) {
  if (!view.agenda) return replace(container);
  const { points, series } = chartSeries(view);
  if (!points.length || !series.length || series.every((x) => x.values.every((v) => v === undefined))) {
    return replace(container, h('p', { class: 'muted', text: view.role === 'mediator'
      ? 'The chart shows the unsealed parties\' scores once there are proposals or offers and a party has unsealed.'
      : 'The chart fills in as proposals, offers and trades arrive.' }));
  }
  const n = points.length;
  const x = (i) => PAD.left + (n === 1 ? (W - PAD.left - PAD.right) / 2 : (i * (W - PAD.left - PAD.right)) / (n - 1));
  const y = (u) => PAD.top + ((10000 - u) * (H - PAD.top - PAD.bottom)) / 10000;
  const grid = [0, 2500, 5000, 7500, 10000].map((u) => s('g', {},
    s('line', { x1: PAD.left, x2: W - PAD.right, y1: y(u), y2: y(u), class: 'grid' }),
    s('text', { x: PAD.left - 6, y: y(u) + 4, 'text-anchor': 'end', class: 'axis', text: `${u / 100}%` })));
  const refs = points.map((p, i) => s('text', { x: x(i), y: H - PAD.bottom + 18, 'text-anchor': 'middle', class: 'axis', text: p.ref }));
  const guides = [];
  if (view.role !== 'mediator' && view.interests) {
    const marks = [['walk-away point', view.interests.floor, 'floor'], ['aspiration', view.interests.aspiration, 'aspiration']]
      .filter(([, u]) => Number.isInteger(u));
    // label baselines: at the line, nudged apart when two lines are close, and inside the picture
    let previous = -Infinity;
    for (const [name, u, cls] of marks.sort((a, b) => b[1] - a[1])) {
      const at = Math.min(H - 4, Math.max(PAD.top + 4, y(u) + 4, previous + LABEL_GAP));
      previous = at;
      guides.push(s('line', { x1: PAD.left, x2: W - PAD.right, y1: y(u), y2: y(u), class: cls }),
        s('text', { x: W - PAD.right + 6, y: at, 'text-anchor': 'start', class: `axis ${cls}`, data: { guide: cls }, text: name }));
    }
  }
  const agreed = view.agreement ? points.findIndex((p) => p.ref === view.agreement.ref) : -1;
  const lines = series.map((line, k) => {
    const colour = COLOURS[k % COLOURS.length];
    const defined = line.values.map((v, i) => [v, i]).filter(([v]) => Number.isInteger(v));
    return s('g', { data: { series: line.id ?? line.name } },
      s('polyline', { points: defined.map(([v, i]) => `${x(i)},${y(v)}`).join(' '), fill: 'none', stroke: colour, 'stroke-width': 2 }),
      defined.map(([v, i]) => s('circle', { cx: x(i), cy: y(v), r: i === agreed ? 7 : 4, fill: i === agreed ? '#fff' : colour, stroke: colour, 'stroke-width': 2 },
        s('title', { text: `${points[i].ref} (${kindText(view, points[i])}): ${line.name} ${percent(v)}${i === agreed ? ', agreed' : ''}` }))));
  });
  const legend = h('ul', { class: 'legend' },
    series.map((line, k) => h('li', {}, h('span', { class: `swatch c${k % COLOURS.length}`, 'aria-hidden': 'true' }), line.name)),
    agreed >= 0 ? h('li', { text: `Open circle: the agreement (${view.agreement.ref})` }) : null);
  const titleId = uid('chart');
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-labelledby': titleId, class: 'chart', data: { chart: '' } },
    s('title', { id: titleId, text: `Score across ${n} packages on the table, ${series.map((l) => l.name).join(', ')}` }),
    grid, guides, refs, lines);
  const table = h('details', {},
    h('summary', { text: 'The same numbers as a table' }),
    h('div', { class: 'scroll' }, h('table', {},
      h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: 'Package' }), series.map((l) => h('th', { scope: 'col', text: l.name })))),
      h('tbody', {}, points.map((p, i) => h('tr', {}, h('th', { scope: 'row', text: `${p.ref} (${kindText(view, p)})` }), series.map((l) => h('td', { text: percent(l.values[i]) }))))))));
  replace(container, svg, legend, table);
}
