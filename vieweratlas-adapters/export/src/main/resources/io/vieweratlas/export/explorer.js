// ViewerAtlas explorer: a dependency-free canvas view of the channel graph embedded in this page.
(function () {
  'use strict';
  var A = atlasCommon, el = A.el;
  var data = JSON.parse(document.getElementById('atlas-data').textContent);
  var N = data.nodes.id.length;
  var X = data.nodes.x, Y = data.nodes.y, R = data.nodes.r, C = data.nodes.c;
  var E = data.edges.s.length, ES = data.edges.s, ET = data.edges.t, EN = data.edges.n, EW = data.edges.w;
  var MAX_EDGES = 20000;        // drawn when nothing is selected (strongest first)
  var LABELS = 30;              // largest channels labelled at any zoom

  var colour = {}, labelOf = {};
  data.communities.forEach(function (c) { colour[c.id] = c.color; labelOf[c.id] = c.label; });
  var hidden = {};              // community id -> true when filtered out
  var index = {};
  for (var i = 0; i < N; i++) index[data.nodes.id[i]] = i;

  // Neighbours of every node, sorted by shared viewers (desc), then name.
  var adj = new Array(N);
  for (i = 0; i < N; i++) adj[i] = [];
  for (var e = 0; e < E; e++) { adj[ES[e]].push(e); adj[ET[e]].push(e); }
  adj.forEach(function (list) {
    list.sort(function (a, b) { return EN[b] - EN[a] || EW[b] - EW[a] || a - b; });
  });
  var edgeOrder = [];
  for (e = 0; e < E; e++) edgeOrder.push(e);
  edgeOrder.sort(function (a, b) { return EW[b] - EW[a] || a - b; });
  var bySize = [];
  for (i = 0; i < N; i++) bySize.push(i);
  bySize.sort(function (a, b) { return data.nodes.v[b] - data.nodes.v[a] || (data.nodes.id[a] < data.nodes.id[b] ? -1 : 1); });
  var drawOrder = bySize.slice().reverse();   // small first, large on top

  var canvas = document.getElementById('map'), ctx = canvas.getContext('2d');
  var tooltip = document.getElementById('tooltip');
  var view = { s: 1, x: 0, y: 0 };            // screen = world * s + (x, y), in CSS pixels
  var selected = -1, hover = -1, dirty = true, width = 0, height = 0;

  A.titles(data);

  function visible(i) { return !hidden[C[i]]; }
  function sx(i) { return X[i] * view.s + view.x; }
  function sy(i) { return Y[i] * view.s + view.y; }
  function radius(i) { return Math.max(1.5, R[i] * view.s); }

  // What Reset view shows: every disc.
  function bounds() {
    var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (var i = 0; i < N; i++) {
      x0 = Math.min(x0, X[i] - R[i]); x1 = Math.max(x1, X[i] + R[i]);
      y0 = Math.min(y0, Y[i] - R[i]); y1 = Math.max(y1, Y[i] + R[i]);
    }
    return [x0, y0, x1, y1];
  }

  function draw() {
    dirty = false;
    ctx.clearRect(0, 0, width, height);
    ctx.lineWidth = 1;
    var sel = selected >= 0 && visible(selected) ? selected : -1;
    // Background edges: the strongest ones among visible communities, faint.
    var base = A.edgeAlpha(E, MAX_EDGES);
    ctx.globalAlpha = sel >= 0 ? base / 3 : base;
    var paths = {}, drawn = 0;
    for (var k = 0; k < E && drawn < MAX_EDGES; k++) {
      var e = edgeOrder[k], a = ES[e], b = ET[e];
      if (!visible(a) || !visible(b)) continue;
      var style = C[a] === C[b] ? colour[C[a]] : '#7a8090';
      var p = paths[style] || (paths[style] = []);
      p.push(sx(a), sy(a), sx(b), sy(b));
      drawn++;
    }
    A.strokePaths(ctx, paths);
    var near = {};
    if (sel >= 0) {
      ctx.strokeStyle = '#ffd166'; ctx.globalAlpha = 0.7;
      adj[sel].forEach(function (e) {
        var o = ES[e] === sel ? ET[e] : ES[e];
        if (!visible(o)) return;
        near[o] = true;
        A.neighbourEdge(ctx, sx(sel), sy(sel), sx(o), sy(o), EN[e]);
      });
      ctx.globalAlpha = 1; ctx.lineWidth = 1;
    }
    ctx.strokeStyle = 'rgba(16,19,26,0.8)';
    for (var j = 0; j < N; j++) {
      var i = drawOrder[j];
      if (!visible(i)) continue;
      A.disc(ctx, sx(i), sy(i), radius(i), colour[C[i]], sel >= 0 && i !== sel && !near[i] ? 0.25 : 1, width, height);
    }
    ctx.globalAlpha = 1;
    //<confidence
    // Low-confidence channels (their community changes between seeds): a dashed ring outside the selection ring.
    ctx.setLineDash([3, 3]); ctx.strokeStyle = '#ff6b6b'; ctx.lineWidth = 1.5;
    for (j = 0; j < N; j++) {
      if (!data.nodes.lq[j] || !visible(j)) continue;
      ctx.globalAlpha = sel >= 0 && j !== sel && !near[j] ? 0.25 : 1;
      ctx.beginPath(); ctx.arc(sx(j), sy(j), radius(j) + 6, 0, 2 * Math.PI); ctx.stroke();
    }
    ctx.setLineDash([]); ctx.globalAlpha = 1; ctx.lineWidth = 1;
    //confidence>
    if (sel >= 0) ring(sel, '#ffd166', 3);
    if (hover >= 0 && hover !== sel && visible(hover)) ring(hover, '#ffffff', 2);
    labels(sel, near);
  }

  function ring(i, style, w) { A.ring(ctx, sx(i), sy(i), radius(i), style, w); }

  function labels(sel, near) {
    var list = [];
    if (sel >= 0) list.push(sel);
    if (hover >= 0) list.push(hover);
    for (var k = 0; k < N; k++) {
      var i = bySize[k];
      if (k < LABELS || radius(i) > 14 || near[i]) list.push(i);
      else if (sel < 0) break;
    }
    A.drawLabels(ctx, list, function (i) {
      return visible(i) ? [data.nodes.id[i], sx(i), sy(i), radius(i)] : null;
    }, sel, width, height);
  }

  function frame() { if (dirty) draw(); requestAnimationFrame(frame); }

  // Hit testing: the topmost (largest) visible node under the point.
  function nodeAt(px, py) { return A.nodeAt(drawOrder, N, visible, sx, sy, radius, px, py); }

  A.panZoom(canvas, view, tooltip, {
    click: function (px, py) { select(nodeAt(px, py), false); },
    hover: hoverAt,
    leave: function () { hover = -1; dirty = true; },
    changed: function () { dirty = true; }
  });
  function hoverAt(px, py) {
    var h = nodeAt(px, py);
    if (h !== hover) { hover = h; dirty = true; }
    if (h < 0) { tooltip.hidden = true; return; }
    tooltip.hidden = false;
    tooltip.replaceChildren(el('b', null, data.nodes.id[h]), el('br'),
      el('span', null, labelOf[C[h]] || ''), el('br'),
      el('span', 'muted', data.nodes.v[h].toLocaleString('en') + ' viewers' + (data.nodes.g[h] ? ' · ' + data.nodes.g[h] : '')));
    //<confidence
    if (data.nodes.q[h] !== null) tooltip.append(el('br'), el('span', 'muted', 'Confidence '), confidenceEl('span', h));
    //confidence>
    A.placeTooltip(tooltip, px, py, width);
  }

  //<confidence
  // Community confidence from the stability run: the share of seeds agreeing with the channel's community.
  function confidenceText(i) {
    return data.nodes.q[i].toFixed(2) + (data.nodes.lq[i] ? ' (below ' + data.confidenceLevel + ')' : '');
  }
  function confidenceEl(tag, i) {
    var n = el(tag, null, confidenceText(i));
    n.className = 'confidence';
    if (data.nodes.lq[i]) n.style.color = '#ff6b6b';
    return n;
  }
  //confidence>
  function dot(c) { return A.dot(colour[c]); }

  // Selection: side panel with community, facts and neighbours by shared viewers.
  function select(i, focus) {
    selected = i; dirty = true;
    var panel = document.getElementById('panel');
    if (i < 0) { panel.hidden = true; return; }
    if (hidden[C[i]]) { delete hidden[C[i]]; renderLegend(); }
    panel.hidden = false;
    document.getElementById('channel').textContent = data.nodes.id[i];
    document.getElementById('community').replaceChildren(dot(C[i]),
      el('span', null, (C[i] >= 0 ? '#' + C[i] + ' ' : '') + (labelOf[C[i]] || '')));
    var facts = document.getElementById('facts');
    facts.replaceChildren();
    [['Viewers', A.fmt(data.nodes.v[i])], ['Game', data.nodes.g[i]], ['Language', data.nodes.l[i]],
     ['Title', data.nodes.t[i]], ['Neighbours', String(adj[i].length)]].forEach(function (f) { A.fact(facts, f[0], f[1]); });
    //<confidence
    if (data.nodes.q[i] !== null) { facts.appendChild(el('dt', null, 'Confidence')); facts.appendChild(confidenceEl('dd', i)); }
    //confidence>
    var list = document.getElementById('neighbours');
    list.replaceChildren();
    adj[i].forEach(function (e) {
      var o = ES[e] === i ? ET[e] : ES[e];
      var li = A.neighbourItem(data.nodes.id[o], EN[e], dot(C[o]), function () { select(o, true); });
      li.title = (labelOf[C[o]] || '') + ' · ' + EN[e] + ' shared viewers';
      list.appendChild(li);
    });
    if (focus) A.focusOn(view, X[i], Y[i], 2.5 * fitScale, width, height);
  }
  document.getElementById('close').addEventListener('click', function () { select(-1, false); });

  // Search: prefix matches first, larger channels first within each.
  var lower = data.nodes.id.map(function (s) { return s.toLowerCase(); });
  A.searchBox({
    matches: function (q) { return A.matchNames(q, lower, N, function (k) { return bySize[k]; }); },
    name: function (i) { return data.nodes.id[i]; },
    dot: function (i) { return dot(C[i]); },
    index: function (id) { return index[id]; },
    select: function (i) { select(i, true); }
  });

  // Legend: click toggles a community; the buttons show or hide all.
  function renderLegend() {
    var legend = document.getElementById('legend');
    legend.replaceChildren();
    data.communities.forEach(function (c) {
      legend.appendChild(A.legendItem(function () { return hidden; }, c.id, (c.id >= 0 ? '#' + c.id + ' ' : '') + c.label,
        c.size, dot(c.id), function () { dirty = true; }));
    });
  }
  document.getElementById('showall').addEventListener('click', function () { hidden = {}; renderLegend(); dirty = true; });
  document.getElementById('hideall').addEventListener('click', function () {
    data.communities.forEach(function (c) { hidden[c.id] = true; }); renderLegend(); dirty = true;
  });

  var fitScale = A.fittedMap(canvas, ctx, view, bounds, function (w, h) { width = w; height = h; dirty = true; });
  renderLegend();
  //<confidence
  var lowCount = data.nodes.lq.reduce(function (a, b) { return a + b; }, 0);
  var note = el('p', 'muted', 'Dashed red ring: confidence below ' + data.confidenceLevel + ' (' + lowCount.toLocaleString('en')
    + (lowCount === 1 ? ' channel' : ' channels') + ' whose community changes between seeds)');
  note.id = 'confidencenote';
  document.getElementById('legendbox').appendChild(note);
  //confidence>
  requestAnimationFrame(frame);

  // A small read-only handle for automated checks and the browser console.
  window.atlas = {
    screenPosition: function (id) { var i = index[id]; return i === undefined ? null : { x: sx(i), y: sy(i) }; },
    selected: function () { return selected >= 0 ? data.nodes.id[selected] : null; },
    hiddenCommunities: function () { return Object.keys(hidden).map(Number); },
    redraw: function () { draw(); }
  };
  //<confidence
  window.atlas.lowConfidence = function () { return data.nodes.id.filter(function (id, i) { return data.nodes.lq[i] === 1; }); };
  //confidence>
})();
