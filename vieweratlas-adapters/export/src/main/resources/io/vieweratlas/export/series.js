// ViewerAtlas explorer over time: rolling windows on one stable map, a dependency-free canvas view.
(function () {
  'use strict';
  var A = atlasCommon, el = A.el, fmt = A.fmt;
  var scriptStart = performance.now();
  var data = JSON.parse(document.getElementById('atlas-data').textContent);
  var parsed = performance.now();
  var CH = data.channels, NCH = CH.length, W = data.windows.length;
  var MAX_EDGES = 12000;       // background edges drawn (strongest first)
  var LABELS = 30;             // largest channels labelled at any zoom
  var TWEEN_MS = 600, HOLD_MS = 900;
  var colors = data.colors;
  function colour(c) { return colors[c] || colors['-1']; }

  // Windows: varint tables (see SeriesExplorer.pack) into typed arrays.
  var lastX = new Int32Array(NCH), lastY = new Int32Array(NCH);
  function reader(base64) {
    var bin = atob(base64), bytes = new Uint8Array(bin.length), pos = 0;
    for (var b = 0; b < bin.length; b++) bytes[b] = bin.charCodeAt(b);
    return function () {
      var v = 0, mul = 1, byte;
      do { byte = bytes[pos++]; v += (byte & 127) * mul; mul *= 128; } while (byte & 128);
      return v;
    };
  }
  var wins = data.windows.map(function (meta) {
    var u = reader(meta.data);
    function s() { var v = u(); return v % 2 ? -(v + 1) / 2 : v / 2; }
    var n = u(), w = { meta: meta, n: n, ch: new Int32Array(n), x: new Float32Array(n), y: new Float32Array(n),
      v: new Int32Array(n), c: new Int32Array(n), g: new Int32Array(n), l: new Int32Array(n), local: new Int32Array(NCH).fill(-1) };
    var prev = -1;
    for (var i = 0; i < n; i++) {
      var c = prev + u(); prev = c;
      w.ch[i] = c; w.local[c] = i;
      lastX[c] += s(); lastY[c] += s();
      w.x[i] = lastX[c] / data.positionStep; w.y[i] = lastY[c] / data.positionStep;
      w.v[i] = u(); w.c[i] = u() - 1; w.g[i] = u(); w.l[i] = u();
    }
    w.m = meta.edges;
    w.labels = {};
    meta.communities.forEach(function (c) { w.labels[c[0]] = c[1]; });
    return w;
  });
  // A window's edges are decoded when it is first shown (or compared): opening the page stays quick.
  function edges(w) {
    if (w.es) return w;
    var u = reader(w.meta.edgeData), m = w.meta.edges;
    var es = new Int32Array(m), et = new Int32Array(m), en = new Int32Array(m), ew = new Int32Array(m), k = 0;
    for (var i = 0; i < w.n; i++) {
      var count = u(), at = i;
      for (var j = 0; j < count; j++) { at += u(); es[k] = i; et[k] = at; en[k] = u(); ew[k] = u(); k++; }
    }
    w.es = es; w.et = et; w.en = en; w.ew = ew; w.m = k;
    return w;
  }
  var stoppedAfter = new Int32Array(NCH).fill(-1);
  data.stopped.forEach(function (p) { stoppedAfter[p[0]] = p[1]; });

  var canvas = document.getElementById('map'), ctx = canvas.getContext('2d');
  var tooltip = document.getElementById('tooltip');
  var view = { s: 1, x: 0, y: 0 };
  var cur = W - 1, from = -1, tweenStart = 0, t = 1;   // window shown, window tweened from, progress
  var PX = null, PY = null;                             // positions drawn, per local node of the current window
  var selected = -1, hover = -1, dirty = true, width = 0, height = 0;
  var hidden = {}, filter = { language: -1, game: -1, minWeight: 0, minViewers: 0 };
  var compareList = [];                                  // global channel indexes
  var playing = false, playTimer = 0;
  var stats = { frames: 0, drawMs: 0, tweenFrames: 0, tweenMs: 0, scriptStart: scriptStart, parsed: parsed };

  A.titles(data);

  function win() { return wins[cur]; }
  function visibleLocal(w, i) {
    return !hidden[w.c[i]] && w.v[i] >= filter.minViewers && (filter.language < 0 || w.l[i] === filter.language)
      && (filter.game < 0 || w.g[i] === filter.game);
  }
  function weightOk(w, e) { return w.ew[e] >= filter.minWeight; }
  function sx(i) { return PX[i] * view.s + view.x; }
  function sy(i) { return PY[i] * view.s + view.y; }
  // Sizes as in the single-window explorer (3 to 28 layout units by square root of audience), over the whole series.
  var VMAX = 1;
  wins.forEach(function (w) { for (var i = 0; i < w.n; i++) VMAX = Math.max(VMAX, w.v[i]); });
  function radius(w, i) { return Math.max(1.5, (3 + 25 * Math.sqrt(w.v[i] / VMAX)) * view.s); }

  // Edge order per window (strongest first) and sizes, computed on first visit.
  function edgeOrder(w) {
    edges(w);
    if (!w.order) {
      // Heaviest first, then by edge index: one numeric key per edge, so the typed-array sort needs no comparator.
      var keys = new Float64Array(w.m), SHIFT = 2147483648;
      for (var e = 0; e < w.m; e++) keys[e] = (data.weightCodes - w.ew[e]) * SHIFT + e;
      keys.sort();
      var o = new Int32Array(w.m);
      for (e = 0; e < w.m; e++) o[e] = keys[e] % SHIFT;
      w.order = o;
    }
    return w.order;
  }
  function bySize(w) {
    if (!w.bySize) {
      var o = [];
      for (var i = 0; i < w.n; i++) o.push(i);
      w.bySize = o.sort(function (a, b) { return w.v[b] - w.v[a] || w.ch[a] - w.ch[b]; });
      w.drawOrder = w.bySize.slice().reverse();
    }
    return w.bySize;
  }

  function positions() {
    var w = win(), p = from >= 0 && t < 1 ? wins[from] : null, k = t * t * (3 - 2 * t);
    if (!PX || PX.length !== w.n) { PX = new Float32Array(w.n); PY = new Float32Array(w.n); }
    for (var i = 0; i < w.n; i++) {
      var j = p ? p.local[w.ch[i]] : -1;
      if (j >= 0) { PX[i] = p.x[j] + (w.x[i] - p.x[j]) * k; PY[i] = p.y[j] + (w.y[i] - p.y[j]) * k; }
      else { PX[i] = w.x[i]; PY[i] = w.y[i]; }
    }
  }

  // What Reset view shows: every channel of every window.
  function bounds() {
    var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    wins.forEach(function (w) {
      for (var i = 0; i < w.n; i++) {
        x0 = Math.min(x0, w.x[i]); x1 = Math.max(x1, w.x[i]); y0 = Math.min(y0, w.y[i]); y1 = Math.max(y1, w.y[i]);
      }
    });
    return [x0, y0, x1, y1];
  }

  function draw() {
    var t0 = performance.now();
    dirty = false;
    var w = win();
    positions();
    bySize(w);
    ctx.clearRect(0, 0, width, height);
    ctx.lineWidth = 1;
    var sel = selected >= 0 ? w.local[selected] : -1;
    if (sel >= 0 && !visibleLocal(w, sel)) sel = -1;
    var order = edgeOrder(w), drawn = 0, paths = {};
    var base = A.edgeAlpha(w.m, MAX_EDGES);
    ctx.globalAlpha = sel >= 0 ? base / 3 : base;
    for (var k = 0; k < w.m && drawn < MAX_EDGES; k++) {
      var e = order[k], a = w.es[e], b = w.et[e];
      if (!weightOk(w, e)) break;                 // sorted by weight: the rest are lighter
      if (!visibleLocal(w, a) || !visibleLocal(w, b)) continue;
      var style = w.c[a] === w.c[b] ? colour(w.c[a]) : '#7a8090';
      var p = paths[style] || (paths[style] = []);
      p.push(sx(a), sy(a), sx(b), sy(b));
      drawn++;
    }
    A.strokePaths(ctx, paths);
    var near = {};
    if (sel >= 0) {
      ctx.strokeStyle = '#ffd166'; ctx.globalAlpha = 0.7;
      neighbours(w, sel).forEach(function (r) {
        if (!visibleLocal(w, r.o) || !weightOk(w, r.e)) return;
        near[r.o] = true;
        A.neighbourEdge(ctx, sx(sel), sy(sel), sx(r.o), sy(r.o), r.shared);
      });
      ctx.globalAlpha = 1; ctx.lineWidth = 1;
    }
    ctx.strokeStyle = 'rgba(16,19,26,0.8)';
    for (var j = 0; j < w.n; j++) {
      var i = w.drawOrder[j];
      if (!visibleLocal(w, i)) continue;
      A.disc(ctx, sx(i), sy(i), radius(w, i), colour(w.c[i]), sel >= 0 && i !== sel && !near[i] ? 0.25 : 1, width, height);
    }
    // Channels streaming for the last time in this window: a red cross beside them.
    ctx.globalAlpha = 1; ctx.strokeStyle = '#ff6b6b'; ctx.lineWidth = 1.5;
    ctx.beginPath();
    for (j = 0; j < w.n; j++) {
      if (stoppedAfter[w.ch[j]] !== cur || !visibleLocal(w, j)) continue;
      var cx = sx(j) + radius(w, j) + 3, cy = sy(j) - radius(w, j) - 3;
      ctx.moveTo(cx - 3, cy - 3); ctx.lineTo(cx + 3, cy + 3); ctx.moveTo(cx + 3, cy - 3); ctx.lineTo(cx - 3, cy + 3);
    }
    ctx.stroke(); ctx.lineWidth = 1;
    compareList.forEach(function (c) { var l = w.local[c]; if (l >= 0) ring(w, l, '#7fdbff', 2); });
    if (sel >= 0) ring(w, sel, '#ffd166', 3);
    if (hover >= 0 && hover < w.n && hover !== sel && visibleLocal(w, hover)) ring(w, hover, '#ffffff', 2);
    labels(w, sel, near);
    stats.frames++; stats.drawMs += performance.now() - t0;
    if (!stats.firstDraw) stats.firstDraw = performance.now();
  }

  function ring(w, i, style, lw) { A.ring(ctx, sx(i), sy(i), radius(w, i), style, lw); }

  function labels(w, sel, near) {
    var list = [], order = bySize(w);
    if (sel >= 0) list.push(sel);
    compareList.forEach(function (c) { if (w.local[c] >= 0) list.push(w.local[c]); });
    for (var k = 0, shown = 0; k < w.n && shown < LABELS + 40; k++) {
      var i = order[k];
      if (!visibleLocal(w, i)) continue;
      if (shown < LABELS || radius(w, i) > 14 || near[i]) { list.push(i); shown++; } else if (sel < 0) break;
    }
    A.drawLabels(ctx, list, function (i) {
      return visibleLocal(w, i) ? [CH[w.ch[i]], sx(i), sy(i), radius(w, i)] : null;
    }, sel, width, height);
  }

  function frame(now) {
    if (from >= 0 && t < 1) {
      t = Math.min(1, (now - tweenStart) / TWEEN_MS);
      dirty = true;
      // Frames per second while gliding: intervals between consecutive glide frames.
      if (stats.lastTween) { stats.tweenFrames++; stats.tweenMs += now - stats.lastTween; }
      stats.lastTween = t < 1 ? now : 0;
    }
    if (dirty) draw();
    requestAnimationFrame(frame);
  }

  // The neighbours of local node i in window w, by shared viewers (desc), then weight, then name.
  function neighbours(w, i) {
    edges(w);
    if (w.nbFor === i) return w.nb;
    var list = [];
    for (var e = 0; e < w.m; e++) {
      if (w.es[e] === i) list.push({ e: e, o: w.et[e], shared: w.en[e] });
      else if (w.et[e] === i) list.push({ e: e, o: w.es[e], shared: w.en[e] });
    }
    list.sort(function (a, b) { return b.shared - a.shared || w.ew[b.e] - w.ew[a.e] || w.ch[a.o] - w.ch[b.o]; });
    w.nbFor = i; w.nb = list;
    return list;
  }
  // Shared viewers of local nodes a and b; -1 when they have no edge (fewer than the threshold). Edges are
  // stored by source, then target, with source < target: two binary searches.
  function sharedBetween(w, a, b) {
    edges(w);
    var s = Math.min(a, b), t = Math.max(a, b), lo = 0, hi = w.m;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (w.es[mid] < s || (w.es[mid] === s && w.et[mid] < t)) lo = mid + 1; else hi = mid; }
    return lo < w.m && w.es[lo] === s && w.et[lo] === t ? w.en[lo] : -1;
  }

  function nodeAt(px, py) {
    var w = win();
    bySize(w);
    return A.nodeAt(w.drawOrder, w.n, function (i) { return visibleLocal(w, i); }, sx, sy,
      function (i) { return radius(w, i); }, px, py);
  }

  A.panZoom(canvas, view, tooltip, {
    click: function (px, py) { var i = nodeAt(px, py); select(i >= 0 ? win().ch[i] : -1, false); },
    hover: hoverAt,
    leave: function () { hover = -1; dirty = true; },
    changed: function () { dirty = true; }
  });
  function hoverAt(px, py) {
    var h = nodeAt(px, py), w = win();
    if (h !== hover) { hover = h; dirty = true; }
    if (h < 0) { tooltip.hidden = true; return; }
    tooltip.hidden = false;
    tooltip.replaceChildren(el('b', null, CH[w.ch[h]]), el('br'), el('span', null, communityName(w, w.c[h])), el('br'),
      el('span', 'muted', w.v[h].toLocaleString('en') + ' viewers' + (data.games[w.g[h]] ? ' · ' + data.games[w.g[h]] : '')));
    A.placeTooltip(tooltip, px, py, width);
  }

  function dot(c) { return A.dot(colour(c)); }
  function communityName(w, c) { return c >= 0 ? '#' + c + ' ' + (w.labels[c] || '') : 'Unassigned'; }
  function pct(a, b) { return b > 0 ? (100 * a / b).toFixed(1) + ' %' : '–'; }
  function dateOf(iso) { return iso ? iso.replace('T', ' ').replace(/:00Z$/, ' UTC').replace(/Z$/, ' UTC') : ''; }
  function shortDate(iso) { return iso.slice(5, 10); }

  // Selection: a channel (global index) and its panel for the current window.
  function select(c, focus) {
    selected = c; dirty = true;
    var panel = document.getElementById('panel');
    if (c < 0) { panel.hidden = true; return; }
    panel.hidden = false;
    var w = win(), i = w.local[c];
    document.getElementById('channel').textContent = CH[c];
    var facts = document.getElementById('facts'), list = document.getElementById('neighbours');
    facts.replaceChildren(); list.replaceChildren();
    function fact(k, v, cls) { A.fact(facts, k, v, cls); }
    if (stoppedAfter[c] >= 0) fact('Stopped', 'streaming after ' + dateOf(wins[stoppedAfter[c]].meta.end), 'flag');
    if (i < 0) {
      document.getElementById('community').replaceChildren(el('span', 'muted', 'Not streaming in this window'));
      fact('Title', data.titles[c]);
      return;
    }
    if (hidden[w.c[i]]) { delete hidden[w.c[i]]; renderLegend(); }
    document.getElementById('community').replaceChildren(dot(w.c[i]), el('span', null, communityName(w, w.c[i])));
    var nb = neighbours(w, i);
    fact('Viewers', fmt(w.v[i])); fact('Game', data.games[w.g[i]]); fact('Language', data.languages[w.l[i]]);
    fact('Title', data.titles[c]); fact('Neighbours', String(nb.length));
    nb.forEach(function (r) {
      var o = w.ch[r.o], li = A.neighbourItem(CH[o], r.shared, dot(w.c[r.o]), function () { select(o, true); });
      li.appendChild(el('span', 'share', pct(r.shared, w.v[i])));
      li.title = r.shared + ' shared viewers: ' + pct(r.shared, w.v[i]) + ' of ' + CH[c] + "'s audience, "
        + pct(r.shared, w.v[r.o]) + ' of ' + CH[o] + "'s";
      list.appendChild(li);
    });
    if (focus) A.focusOn(view, w.x[i], w.y[i], 2.5 * fitScale, width, height);
  }
  document.getElementById('close').addEventListener('click', function () { select(-1, false); });
  document.getElementById('compareadd').addEventListener('click', function () { if (selected >= 0) addCompare(selected); });

  // Comparison of two or three channels: audiences, shared and unique viewers, shares, per window.
  function addCompare(c) {
    if (compareList.indexOf(c) >= 0) return;
    if (compareList.length >= 3) compareList.shift();
    compareList.push(c);
    renderCompare(); dirty = true;
  }
  document.getElementById('compareclear').addEventListener('click', function () { compareList = []; renderCompare(); dirty = true; });

  // Numbers for the channels compared in window k: audiences, pairwise shared (-1: no edge, below the
  // threshold) and, for three, the range of viewers common to all three that the pairwise counts allow.
  function comparison(k) {
    var w = wins[k], L = compareList.map(function (c) { return w.local[c]; });
    var res = { window: w.meta.end, channels: compareList.map(function (c) { return CH[c]; }),
      audience: L.map(function (i) { return i >= 0 ? w.v[i] : null; }), pairs: [] };
    for (var a = 0; a < L.length; a++) {
      for (var b = a + 1; b < L.length; b++) {
        var s = L[a] >= 0 && L[b] >= 0 ? sharedBetween(w, L[a], L[b]) : null;
        res.pairs.push({ a: a, b: b, shared: s,
          shareA: s > 0 ? s / w.v[L[a]] : 0, shareB: s > 0 ? s / w.v[L[b]] : 0 });
      }
    }
    if (L.length === 2 && res.pairs[0].shared !== null) {
      var s2 = Math.max(0, res.pairs[0].shared);
      res.unique = [res.audience[0] - s2, res.audience[1] - s2];
    }
    if (L.length === 3 && res.pairs.every(function (p) { return p.shared !== null; })) {
      // A pair without an edge shares fewer viewers than the threshold: 0 for the lower bound, threshold - 1 for the upper.
      var below = Math.max(0, (data.threshold || 1) - 1);
      function hiOf(p) { return p.shared < 0 ? below : p.shared; }
      var sab = Math.max(0, res.pairs[0].shared), sac = Math.max(0, res.pairs[1].shared), sbc = Math.max(0, res.pairs[2].shared);
      var v = res.audience, hi = Math.min(hiOf(res.pairs[0]), hiOf(res.pairs[1]), hiOf(res.pairs[2]));
      res.triple = [Math.min(hi, Math.max(0, sab + sac - v[0], sab + sbc - v[1], sac + sbc - v[2])), hi];
      // Unique viewers of each: audience minus its two overlaps plus the common ones (counted twice).
      res.unique = [[v[0] - sab - sac + res.triple[0], v[0] - sab - sac + res.triple[1]],
        [v[1] - sab - sbc + res.triple[0], v[1] - sab - sbc + res.triple[1]],
        [v[2] - sac - sbc + res.triple[0], v[2] - sac - sbc + res.triple[1]]].map(function (r) { return [Math.max(0, r[0]), r[1]]; });
    }
    return res;
  }
  function sharedText(s) { return s === null ? 'not streaming' : s < 0 ? '< ' + (data.threshold || '?') : fmt(s); }
  function rangeText(r) { return r[0] === r[1] ? fmt(r[0]) : fmt(r[0]) + '–' + fmt(r[1]); }

  function renderCompare() {
    var box = document.getElementById('compare');
    box.hidden = compareList.length === 0;
    var chips = document.getElementById('comparechips');
    chips.replaceChildren();
    compareList.forEach(function (c, k) {
      var chip = el('span', null, CH[c]), x = el('button', null, '×');
      chip.dataset.id = CH[c];
      chip.style.borderLeft = '3px solid ' + VENN[k];
      x.addEventListener('click', function () { compareList.splice(k, 1); renderCompare(); dirty = true; });
      chip.appendChild(x); chips.appendChild(chip);
    });
    var table = document.getElementById('comparetable'), hist = document.getElementById('historytable');
    table.replaceChildren(); hist.replaceChildren();
    document.getElementById('venn').replaceChildren();
    if (compareList.length < 2) {
      table.appendChild(row(['Pick another channel and press Compare'], 'td'));
      return;
    }
    var r = comparison(cur), names = r.channels;
    function row(cells, tag) {
      var tr = el('tr');
      cells.forEach(function (v, k) { tr.appendChild(el(tag || 'td', k > 0 ? 'n' : null, v)); });
      return tr;
    }
    names.forEach(function (nm, k) {
      table.appendChild(row([nm + ' audience', r.audience[k] === null ? 'not streaming' : fmt(r.audience[k])]));
    });
    r.pairs.forEach(function (p) {
      var tr = row(['shared ' + names[p.a] + ' & ' + names[p.b], sharedText(p.shared)]);
      tr.className = 'pair'; tr.dataset.shared = p.shared === null ? '' : p.shared;
      table.appendChild(tr);
      if (p.shared > 0) {
        table.appendChild(row(['  share of ' + names[p.a], pct(p.shared, r.audience[p.a])]));
        table.appendChild(row(['  share of ' + names[p.b], pct(p.shared, r.audience[p.b])]));
      }
    });
    if (r.triple) table.appendChild(row(['in all three (range)', rangeText(r.triple)]));
    if (r.unique) {
      names.forEach(function (nm, k) {
        var u = r.unique[k], tr = row(['only ' + nm, typeof u === 'number' ? fmt(u) : rangeText(u)]);
        tr.className = 'unique'; tr.dataset.unique = typeof u === 'number' ? u : u.join('-');
        table.appendChild(tr);
      });
    }
    venn(r);
    var head = el('tr');
    head.appendChild(el('th', null, 'window'));
    r.pairs.forEach(function (p) { head.appendChild(el('th', null, names[p.a].slice(0, 6) + '&' + names[p.b].slice(0, 6))); });
    hist.appendChild(head);
    for (var k = 0; k < W; k++) {
      var h = comparison(k), tr = el('tr');
      tr.appendChild(el('td', null, shortDate(wins[k].meta.end)));
      h.pairs.forEach(function (p) { tr.appendChild(el('td', null, sharedText(p.shared))); });
      if (k === cur) tr.style.color = '#ffd166';
      hist.appendChild(tr);
    }
  }

  // Venn: circle areas follow the audiences, each pair's distance makes the lens area its shared count.
  var VENN = ['#7fdbff', '#ffd166', '#ff6bcb'];
  function lens(r1, r2, d) {
    if (d >= r1 + r2) return 0;
    if (d <= Math.abs(r1 - r2)) return Math.PI * Math.min(r1, r2) * Math.min(r1, r2);
    var a = r1 * r1 * Math.acos((d * d + r1 * r1 - r2 * r2) / (2 * d * r1)),
      b = r2 * r2 * Math.acos((d * d + r2 * r2 - r1 * r1) / (2 * d * r2)),
      c = 0.5 * Math.sqrt((-d + r1 + r2) * (d + r1 - r2) * (d - r1 + r2) * (d + r1 + r2));
    return a + b - c;
  }
  function distanceFor(r1, r2, area) {
    var lo = Math.abs(r1 - r2), hi = r1 + r2;
    for (var k = 0; k < 40; k++) { var mid = (lo + hi) / 2; if (lens(r1, r2, mid) > area) lo = mid; else hi = mid; }
    return (lo + hi) / 2;
  }
  function venn(r) {
    var svg = document.getElementById('venn'), ns = 'http://www.w3.org/2000/svg';
    var v = r.audience.map(function (a) { return a || 0; }), max = Math.max.apply(null, v.concat([1]));
    var R = v.map(function (a) { return 52 * Math.sqrt(a / max); });
    var unit = Math.PI * 52 * 52 / max;      // drawing area per viewer
    function d(p) { return distanceFor(R[p.a], R[p.b], Math.max(0, p.shared || 0) * unit); }
    var P;
    if (v.length === 2) {
      var d01 = d(r.pairs[0]);
      P = [[150 - d01 / 2, 85], [150 + d01 / 2, 85]];
    } else {
      var dab = d(r.pairs[0]), dac = d(r.pairs[1]), dbc = d(r.pairs[2]);
      var ax = (dab * dab + dac * dac - dbc * dbc) / (2 * Math.max(dab, 1e-6)), ay = Math.sqrt(Math.max(0, dac * dac - ax * ax));
      P = [[0, 0], [dab, 0], [ax, ay]];
      var mx = (P[0][0] + P[1][0] + P[2][0]) / 3, my = (P[0][1] + P[1][1] + P[2][1]) / 3;
      P = P.map(function (p) { return [150 + p[0] - mx, 85 + p[1] - my]; });
    }
    P.forEach(function (p, k) {
      var c = document.createElementNS(ns, 'circle');
      c.setAttribute('cx', p[0].toFixed(1)); c.setAttribute('cy', p[1].toFixed(1)); c.setAttribute('r', Math.max(2, R[k]).toFixed(1));
      c.setAttribute('fill', VENN[k]); c.setAttribute('fill-opacity', '0.35'); c.setAttribute('stroke', VENN[k]);
      svg.appendChild(c);
      var label = document.createElementNS(ns, 'text');
      label.setAttribute('x', p[0].toFixed(1)); label.setAttribute('y', (p[1] - R[k] - 3).toFixed(1));
      label.setAttribute('text-anchor', 'middle');
      label.textContent = r.channels[k] + ' ' + (r.audience[k] === null ? '–' : fmt(r.audience[k]));
      svg.appendChild(label);
    });
    r.pairs.forEach(function (p) {
      var label = document.createElementNS(ns, 'text');
      label.setAttribute('x', ((P[p.a][0] + P[p.b][0]) / 2).toFixed(1));
      label.setAttribute('y', ((P[p.a][1] + P[p.b][1]) / 2 + 4).toFixed(1));
      label.setAttribute('text-anchor', 'middle');
      label.textContent = sharedText(p.shared);
      svg.appendChild(label);
    });
  }

  // Search over every channel of the series; a channel not in the window shown opens its panel anyway.
  var lower = CH.map(function (s) { return s.toLowerCase(); });
  var index = {};
  CH.forEach(function (id, c) { index[id] = c; });
  A.searchBox({
    matches: function (q) { return A.matchNames(q, lower, NCH, function (c) { return c; }); },
    name: function (c) { return CH[c]; },
    dot: function (c) { var i = win().local[c]; return dot(i >= 0 ? win().c[i] : -1); },
    index: function (id) { return index[id]; },
    select: function (c) { select(c, true); }
  });

  // Legend of the window shown, by tracked id: a community keeps its id and colour across windows.
  function renderLegend() {
    var legend = document.getElementById('legend'), w = win();
    legend.replaceChildren();
    function hiddenNow() { return hidden; }
    w.meta.communities.forEach(function (c) {
      legend.appendChild(A.legendItem(hiddenNow, c[0], '#' + c[0] + ' ' + c[1], c[2], dot(c[0]), filtersChanged));
    });
    var unassigned = 0;
    for (var i = 0; i < w.n; i++) if (w.c[i] < 0) unassigned++;
    if (unassigned) legend.appendChild(A.legendItem(hiddenNow, -1, 'Unassigned', unassigned, dot(-1), filtersChanged));
  }
  document.getElementById('showall').addEventListener('click', function () { hidden = {}; renderLegend(); filtersChanged(); });
  document.getElementById('hideall').addEventListener('click', function () {
    wins.forEach(function (w) { w.meta.communities.forEach(function (c) { hidden[c[0]] = true; }); });
    hidden[-1] = true; renderLegend(); filtersChanged();
  });

  // Shows only the given tracked communities (the legend's Show all brings the rest back).
  function only(ids) {
    hidden = { '-1': true };
    wins.forEach(function (w) { w.meta.communities.forEach(function (c) { hidden[c[0]] = true; }); });
    ids.forEach(function (id) { delete hidden[id]; });
    renderLegend(); filtersChanged();
  }

  // Events of the window shown and the channels streaming there for the last time.
  var EVENT_NAMES = { birth: 'birth', death: 'death', split: 'split', merge: 'merge' };
  function renderEvents() {
    var list = document.getElementById('events'), w = win();
    list.replaceChildren();
    if (cur === 0) list.appendChild(el('li', 'muted', 'First window: every community starts here.'));
    else if (!w.meta.events.length) list.appendChild(el('li', 'muted', 'No births, deaths, splits or merges.'));
    w.meta.events.forEach(function (e) {
      var li = el('li');
      li.dataset.type = e[0];
      li.appendChild(el('span', 'type', EVENT_NAMES[e[0]] || e[0]));
      var prev = cur > 0 ? wins[cur - 1] : w;
      var fromText = e[1].map(function (id) { return '#' + id + ' ' + (prev.labels[id] || ''); }).join(', ');
      var toText = e[2].map(function (id) { return '#' + id + ' ' + (w.labels[id] || ''); }).join(', ');
      li.appendChild(el('span', null, fromText + (fromText && toText ? ' → ' : '') + toText));
      // Click: show only the communities involved (a death's, in the window before).
      li.title = 'Show only these communities';
      li.addEventListener('click', function () {
        if (!e[2].length && cur > 0) setWindow(cur - 1, true);
        only(e[2].length ? e[2] : e[1]);
      });
      list.appendChild(li);
    });
    var moves = w.meta.moves || [];
    if (moves.length) {
      var mv = el('li', 'muted', fmt(moves.length) + (moves.length === 1 ? ' channel' : ' channels')
        + ' changed community: ');
      mv.id = 'moves';
      moves.slice(0, 20).forEach(function (m) {
        var a = el('a', null, CH[m[0]] + ' (#' + m[1] + '→#' + m[2] + ')');
        a.dataset.id = CH[m[0]];
        a.addEventListener('click', function () { select(m[0], true); });
        mv.appendChild(a); mv.appendChild(document.createTextNode(' '));
      });
      if (moves.length > 20) mv.appendChild(el('span', null, '… and ' + (moves.length - 20) + ' more'));
      list.appendChild(mv);
    }
    var box = document.getElementById('stoppedbox'), last = [];
    box.replaceChildren();
    for (var i = 0; i < w.n; i++) if (stoppedAfter[w.ch[i]] === cur) last.push(w.ch[i]);
    if (last.length) {
      box.appendChild(el('div', 'flag', '✕ ' + last.length + (last.length === 1 ? ' channel streams' : ' channels stream')
        + ' here for the last time in the series:'));
      last.slice(0, 40).forEach(function (c) {
        var a = el('a', null, CH[c]);
        a.dataset.id = CH[c];
        a.addEventListener('click', function () { select(c, true); });
        box.appendChild(a);
      });
      if (last.length > 40) box.appendChild(el('span', 'muted', '… and ' + (last.length - 40) + ' more'));
    }
  }

  function renderTicks() {
    var ticks = document.getElementById('ticks');
    ticks.replaceChildren();
    wins.forEach(function (w, k) {
      var counts = {};
      w.meta.events.forEach(function (e) { counts[e[0]] = (counts[e[0]] || 0) + 1; });
      var text = (counts.birth ? '+' + counts.birth : '') + (counts.death ? '−' + counts.death : '')
        + (counts.split ? '⑂' + counts.split : '') + (counts.merge ? '⋈' + counts.merge : '');
      var s = el('span', text ? 'ev' : null, text || '·');
      s.style.left = (W > 1 ? 100 * k / (W - 1) : 50) + '%';
      s.title = dateOf(w.meta.end) + ': ' + (counts.birth || 0) + ' births, ' + (counts.death || 0) + ' deaths, '
        + (counts.split || 0) + ' splits, ' + (counts.merge || 0) + ' merges';
      s.dataset.window = k;
      s.addEventListener('click', function () { setWindow(k, true); });
      ticks.appendChild(s);
    });
  }

  // Moving in time: the positions glide from the previous window to the new one.
  var slider = document.getElementById('slider');
  function setWindow(k, animate) {
    k = Math.max(0, Math.min(W - 1, k | 0));
    if (k === cur) return;
    from = animate ? cur : -1; cur = k; t = animate ? 0 : 1; tweenStart = performance.now();
    slider.value = k;
    var w = win();
    document.getElementById('windowlabel').textContent = dateOf(w.meta.start) + ' – ' + dateOf(w.meta.end)
      + ' · ' + fmt(w.n) + ' channels · ' + fmt(w.m) + ' edges';
    hover = -1;
    renderLegend(); renderEvents(); filtersChanged();
    if (selected >= 0) select(selected, false);
    if (compareList.length) renderCompare();
    dirty = true;
  }
  slider.max = W - 1;
  slider.addEventListener('input', function () { setWindow(Number(slider.value), true); });
  var playButton = document.getElementById('play');
  function play() {
    if (playing) return;
    playing = true; playButton.textContent = '❚❚'; playButton.setAttribute('aria-label', 'Pause');
    if (cur === W - 1) setWindow(0, false);
    function step() {
      if (!playing) return;
      if (cur >= W - 1) { pause(); return; }
      setWindow(cur + 1, true);
      playTimer = setTimeout(step, TWEEN_MS + HOLD_MS);
      // Decode and sort the next window's edges while this one holds still, not during its glide.
      if (cur + 1 < W) setTimeout(function () { edgeOrder(wins[cur + 1]); }, TWEEN_MS + 50);
    }
    playTimer = setTimeout(step, HOLD_MS);
  }
  function pause() {
    playing = false; clearTimeout(playTimer);
    playButton.textContent = '▶'; playButton.setAttribute('aria-label', 'Play');
  }
  playButton.addEventListener('click', function () { if (playing) pause(); else play(); });
  // Keys outside the inputs: ← → step through the windows, space plays or pauses.
  document.addEventListener('keydown', function (ev) {
    var tag = ev.target && ev.target.tagName;
    if (tag === 'INPUT' || tag === 'SELECT' || tag === 'BUTTON') return;
    if (ev.key === 'ArrowLeft' || ev.key === 'ArrowRight') { ev.preventDefault(); pause(); setWindow(cur + (ev.key === 'ArrowLeft' ? -1 : 1), true); }
    else if (ev.key === ' ') { ev.preventDefault(); if (playing) pause(); else play(); }
  });

  // Filters: language, game, minimum edge weight (share of the window's strongest edge) and audience.
  function options(select, values) {
    values.forEach(function (v, k) { if (v) { var o = el('option', null, v); o.value = String(k); select.appendChild(o); } });
  }
  var langSel = document.getElementById('language'), gameSel = document.getElementById('game');
  var weightIn = document.getElementById('minweight'), viewersIn = document.getElementById('minviewers');
  options(langSel, data.languages); options(gameSel, data.games);
  function readFilters() {
    filter.language = langSel.value === '' ? -1 : Number(langSel.value);
    filter.game = gameSel.value === '' ? -1 : Number(gameSel.value);
    var p = Number(weightIn.value) / 100;
    filter.minWeight = Math.round(data.weightCodes * p * p * p);   // cubic: fine steps among the many light edges
    filter.minViewers = Math.max(0, Number(viewersIn.value) || 0);
    filtersChanged();
  }
  function filtersChanged() {
    var w = win(), count = 0;
    for (var i = 0; i < w.n; i++) if (visibleLocal(w, i)) count++;
    document.getElementById('visiblecount').textContent = fmt(count);
    document.getElementById('minweightvalue').textContent = filter.minWeight === 0 ? '0'
      : (w.meta.maxWeight * filter.minWeight / data.weightCodes).toPrecision(2);
    dirty = true;
  }
  [langSel, gameSel, weightIn, viewersIn].forEach(function (input) {
    input.addEventListener('input', readFilters); input.addEventListener('change', readFilters);
  });

  var fitScale = A.fittedMap(canvas, ctx, view, bounds, function (w, h) { width = w; height = h; dirty = true; });
  renderTicks();
  cur = -1; setWindow(W - 1, false);
  requestAnimationFrame(frame);
  stats.ready = performance.now();

  // A small handle for automated checks and the browser console.
  window.seriesAtlas = {
    windows: function () { return wins.map(function (w) { return w.meta.end; }); },
    current: function () { return cur; },
    setWindow: function (k) { setWindow(k, false); draw(); },
    play: play, pause: pause, playing: function () { return playing; },
    select: function (id) { select(index[id] === undefined ? -1 : index[id], false); },
    selected: function () { return selected >= 0 ? CH[selected] : null; },
    compare: function (ids) { compareList = ids.map(function (id) { return index[id]; }); renderCompare(); dirty = true; },
    comparison: function () { return comparison(cur); },
    position: function (id) { var w = win(), i = w.local[index[id]]; return i === undefined || i < 0 ? null : { x: w.x[i], y: w.y[i] }; },
    screenPosition: function (id) { positions(); var i = win().local[index[id]]; return i === undefined || i < 0 ? null : { x: sx(i), y: sy(i) }; },
    visibleChannels: function () { var w = win(), out = []; for (var i = 0; i < w.n; i++) if (visibleLocal(w, i)) out.push(CH[w.ch[i]]); return out; },
    channel: function (id) {
      var w = win(), i = w.local[index[id]];
      return i === undefined || i < 0 ? null : { viewers: w.v[i], community: w.c[i], game: data.games[w.g[i]],
        language: data.languages[w.l[i]], neighbours: neighbours(w, i).map(function (r) { return [CH[w.ch[r.o]], r.shared]; }) };
    },
    stopped: function () { return data.stopped.map(function (p) { return [CH[p[0]], wins[p[1]].meta.end]; }); },
    hiddenCommunities: function () { return Object.keys(hidden).map(Number).sort(function (a, b) { return a - b; }); },
    stats: function () {
      return { frames: stats.frames, drawMs: stats.drawMs, tweenFrames: stats.tweenFrames, tweenMs: stats.tweenMs,
        firstDraw: stats.firstDraw, ready: stats.ready, scriptStart: stats.scriptStart, parsed: stats.parsed };
    },
    redraw: function () { draw(); }
  };
})();
