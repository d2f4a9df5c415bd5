/**
 * The HTML report's style sheet and script, inlined into the page. The script reads the JSON
 * data block, builds the filters, shows one page of findings at a time and lays out each shown
 * finding's path with Graphviz (viz.js, inlined next to it) the first time it is shown, so a
 * large result costs one small drawing per finding viewed, never one per finding analyzed.
 * It writes text only through textContent: names from the account never become markup.
 */

/** Findings per page. */
export const HTML_PAGE_SIZE = 10;

/** The page's CSS. */
export const HTML_STYLE = `
:root { --fg:#111827; --muted:#6b7280; --line:#e5e7eb; --bg:#f9fafb; --critical:#b91c1c; --high:#c2410c; --medium:#a16207; --low:#4b5563; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: var(--fg); background: #fff; }
header, main > section { padding: 12px 24px; }
header { background: #0f172a; color: #f8fafc; }
header h1 { margin: 0 0 4px; font-size: 20px; }
header p { margin: 0; color: #cbd5e1; font-size: 12px; }
h2 { font-size: 17px; margin: 16px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 14px; margin: 12px 0 6px; }
.cards { display: flex; gap: 12px; flex-wrap: wrap; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 8px 14px; min-width: 110px; background: var(--bg); }
.card b { display: block; font-size: 22px; }
.sev { display: inline-block; padding: 1px 7px; border-radius: 10px; color: #fff; font-size: 12px; font-weight: 600; text-transform: uppercase; }
.sev-critical { background: var(--critical); } .sev-high { background: var(--high); } .sev-medium { background: var(--medium); } .sev-low { background: var(--low); }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: var(--bg); font-weight: 600; font-size: 12px; color: var(--muted); }
code, .id { font: 12px ui-monospace, SFMono-Regular, Menlo, monospace; }
.filters { display: flex; gap: 16px; flex-wrap: wrap; align-items: end; margin-bottom: 10px; }
.filters label { display: flex; flex-direction: column; font-size: 12px; color: var(--muted); gap: 2px; }
.filters fieldset { border: 1px solid var(--line); border-radius: 4px; padding: 2px 8px; font-size: 12px; }
.filters fieldset label { display: inline-flex; flex-direction: row; align-items: center; gap: 3px; margin-right: 8px; color: var(--fg); }
.pager { display: flex; gap: 10px; align-items: center; margin: 10px 0; }
tr.finding-row { cursor: pointer; }
tr.finding-row:hover { background: #f1f5f9; }
tr.finding-detail > td { background: #fcfcfd; padding: 10px 16px 16px; }
.drawing { overflow-x: auto; min-height: 40px; border: 1px solid var(--line); border-radius: 6px; background: #fff; padding: 6px; }
.drawing svg { height: auto; }
.hops li { margin-bottom: 4px; } .hops ul { margin: 2px 0 0; color: var(--muted); }
.muted { color: var(--muted); }
.note { background: #fffbeb; border: 1px solid #fde68a; padding: 6px 10px; border-radius: 4px; }
`;

/** The page's script (plain ES2020, no modules); `Viz` comes from the inlined viz.js bundle. */
export const HTML_SCRIPT = String.raw`
(function () {
  'use strict';
  var PAGE_SIZE = ${HTML_PAGE_SIZE};
  var data = JSON.parse(document.getElementById('bp-data').textContent);
  var findings = data.findings;
  var state = { page: 0 };
  var drawings = new Map();
  var vizReady = null;

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') node.textContent = attrs[k];
      else if (k === 'className') node.className = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(c); });
    return node;
  }
  function uniq(values) { return Array.from(new Set(values)).sort(); }
  function option(value, text) { return el('option', { value: value, text: text }); }

  var controls = {
    severity: Array.from(document.querySelectorAll('input[name="severity"]')),
    account: document.getElementById('f-account'),
    entry: document.getElementById('f-entry'),
    impact: document.getElementById('f-impact'),
    status: document.getElementById('f-status'),
  };
  uniq([].concat.apply([], findings.map(function (f) { return f.accounts; }))).forEach(function (a) { controls.account.appendChild(option(a, a)); });
  var entryTitles = {};
  findings.forEach(function (f) { entryTitles[f.entryPoint] = f.entryTitle; });
  uniq(findings.map(function (f) { return f.entryPoint; })).forEach(function (e) { controls.entry.appendChild(option(e, entryTitles[e] + ' (' + e + ')')); });
  var impactTitles = {};
  findings.forEach(function (f) { impactTitles[f.impact] = f.impactTitle; });
  uniq(findings.map(function (f) { return f.impact; })).forEach(function (i) { controls.impact.appendChild(option(i, impactTitles[i] + ' (' + i + ')')); });

  function selected() {
    var severities = controls.severity.filter(function (c) { return c.checked; }).map(function (c) { return c.value; });
    return findings.filter(function (f) {
      return severities.indexOf(f.severity) >= 0 &&
        (!controls.account.value || f.accounts.indexOf(controls.account.value) >= 0) &&
        (!controls.entry.value || f.entryPoint === controls.entry.value) &&
        (!controls.impact.value || f.impact === controls.impact.value) &&
        (!controls.status.value || f.status === controls.status.value);
    });
  }

  function viz() {
    if (!vizReady) vizReady = Viz.instance();
    return vizReady;
  }

  function draw(f, box) {
    if (drawings.has(f.id)) { box.replaceChildren(drawings.get(f.id)); box.dataset.state = 'drawn'; return; }
    box.dataset.state = 'drawing';
    viz().then(function (v) {
      var svg = v.renderSVGElement(f.dot);
      drawings.set(f.id, svg);
      if (box.isConnected) { box.replaceChildren(svg); box.dataset.state = 'drawn'; }
    }).catch(function (error) {
      box.dataset.state = 'error';
      box.textContent = 'could not draw this path: ' + error;
    });
  }

  function detail(f) {
    var hops = el('ol', { className: 'hops' }, [el('li', { text: f.entry + ': ' + f.entryTitle + ' (' + f.entryPoint + ')' })].concat(f.hops.map(function (h) {
      var sub = el('ul', {}, h.via.map(function (v) { return el('li', { text: 'via ' + v }); }).concat(h.holdsIf.map(function (c) { return el('li', { text: 'holds only if ' + c }); })));
      return el('li', {}, [el('span', { text: h.head + ' → ' + h.to }), sub]);
    })));
    var fix = el('ul', {}, f.fix.map(function (x) { return el('li', { text: x.title + ' (' + x.id + ')' + (x.remediation ? ': ' + x.remediation : '') }); }));
    var box = el('div', { className: 'drawing', 'data-finding': f.id, 'data-state': 'pending' });
    var facts = el('p', { className: 'muted', text: 'alternatives: ' + f.alternatives + (f.rootCause ? ' · root cause ' + f.rootCause : '') + (f.techniques.length ? ' · techniques ' + f.techniques.join(', ') : '') });
    var cell = el('td', { colspan: '8' }, [box, facts, el('h3', { text: 'Path' }), hops, el('h3', { text: 'Fix' }), fix]);
    draw(f, box);
    return el('tr', { className: 'finding-detail', 'data-finding': f.id }, [cell]);
  }

  function row(f) {
    var tr = el('tr', { className: 'finding-row', 'data-finding': f.id, 'data-severity': f.severity, 'data-status': f.status }, [
      el('td', {}, [el('span', { className: 'sev sev-' + f.severity, text: f.severity })]),
      el('td', { text: f.scoreLabel }),
      el('td', { text: f.entry + ' → ' + f.target }),
      el('td', { text: f.impactTitle }),
      el('td', { text: f.accounts.join(', ') }),
      el('td', { text: f.entryTitle }),
      el('td', { text: f.status }),
      el('td', { className: 'id', text: f.id }),
    ]);
    tr.addEventListener('click', function () {
      var next = tr.nextElementSibling;
      if (next && next.classList.contains('finding-detail')) next.hidden = !next.hidden;
    });
    return tr;
  }

  function render() {
    var list = selected();
    var pages = Math.max(1, Math.ceil(list.length / PAGE_SIZE));
    state.page = Math.min(state.page, pages - 1);
    var shown = list.slice(state.page * PAGE_SIZE, (state.page + 1) * PAGE_SIZE);
    var body = document.getElementById('findings-body');
    body.replaceChildren.apply(body, [].concat.apply([], shown.map(function (f) { return [row(f), detail(f)]; })));
    document.getElementById('shown-count').textContent = list.length + ' of ' + findings.length + ' findings' + (list.length ? ', showing ' + (state.page * PAGE_SIZE + 1) + '–' + (state.page * PAGE_SIZE + shown.length) : '');
    document.getElementById('page-of').textContent = 'page ' + (state.page + 1) + ' of ' + pages;
    document.getElementById('prev').disabled = state.page === 0;
    document.getElementById('next').disabled = state.page >= pages - 1;
    document.getElementById('findings-empty').hidden = list.length > 0;
  }

  controls.severity.concat([controls.account, controls.entry, controls.impact, controls.status]).forEach(function (c) {
    c.addEventListener('change', function () { state.page = 0; render(); });
  });
  document.getElementById('prev').addEventListener('click', function () { state.page -= 1; render(); });
  document.getElementById('next').addEventListener('click', function () { state.page += 1; render(); });
  render();
  document.body.dataset.ready = 'true';
})();
`;
