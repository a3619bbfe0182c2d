// ViewerAtlas explorer: a dependency-free canvas view of the channel graph embedded in this page.
(function () {
  'use strict';
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

  document.getElementById('title').textContent = data.title;
  document.getElementById('subtitle').textContent = data.subtitle;
  document.title = data.title;

  function visible(i) { return !hidden[C[i]]; }
  function sx(i) { return X[i] * view.s + view.x; }
  function sy(i) { return Y[i] * view.s + view.y; }
  function radius(i) { return Math.max(1.5, R[i] * view.s); }

  function resize() {
    var dpr = window.devicePixelRatio || 1;
    width = canvas.clientWidth; height = canvas.clientHeight;
    canvas.width = Math.round(width * dpr); canvas.height = Math.round(height * dpr);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    dirty = true;
  }

  function fit() {
    var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (var i = 0; i < N; i++) {
      x0 = Math.min(x0, X[i] - R[i]); x1 = Math.max(x1, X[i] + R[i]);
      y0 = Math.min(y0, Y[i] - R[i]); y1 = Math.max(y1, Y[i] + R[i]);
    }
    if (!isFinite(x0)) { x0 = y0 = -1; x1 = y1 = 1; }
    var top = 72;
    view.s = Math.min(width / (x1 - x0 + 1e-9), (height - top) / (y1 - y0 + 1e-9)) * 0.92;
    view.x = width / 2 - (x0 + x1) / 2 * view.s;
    view.y = top + (height - top) / 2 - (y0 + y1) / 2 * view.s;
    dirty = true;
  }

  function draw() {
    dirty = false;
    ctx.clearRect(0, 0, width, height);
    ctx.lineWidth = 1;
    var sel = selected >= 0 && visible(selected) ? selected : -1;
    // Background edges: the strongest ones among visible communities, faint.
    // Fainter the more edges there are, so that dense maps do not turn into a grey wash.
    var base = Math.max(0.025, Math.min(0.25, 5 / Math.sqrt(Math.min(E, MAX_EDGES) + 1)));
    ctx.globalAlpha = sel >= 0 ? base / 3 : base;
    // One path per colour: thousands of segments per stroke call keep panning smooth.
    var paths = {}, drawn = 0;
    for (var k = 0; k < E && drawn < MAX_EDGES; k++) {
      var e = edgeOrder[k], a = ES[e], b = ET[e];
      if (!visible(a) || !visible(b)) continue;
      var style = C[a] === C[b] ? colour[C[a]] : '#7a8090';
      var p = paths[style] || (paths[style] = []);
      p.push(sx(a), sy(a), sx(b), sy(b));
      drawn++;
    }
    Object.keys(paths).sort().forEach(function (style) {
      var p = paths[style];
      ctx.strokeStyle = style;
      ctx.beginPath();
      for (var q = 0; q < p.length; q += 4) { ctx.moveTo(p[q], p[q + 1]); ctx.lineTo(p[q + 2], p[q + 3]); }
      ctx.stroke();
    });
    ctx.globalAlpha = 1;
    var near = {};
    if (sel >= 0) {
      ctx.strokeStyle = '#ffd166'; ctx.globalAlpha = 0.7;
      adj[sel].forEach(function (e) {
        var o = ES[e] === sel ? ET[e] : ES[e];
        if (!visible(o)) return;
        near[o] = true;
        ctx.lineWidth = 1 + Math.min(4, Math.log(1 + EN[e]) / 2);
        ctx.beginPath(); ctx.moveTo(sx(sel), sy(sel)); ctx.lineTo(sx(o), sy(o)); ctx.stroke();
      });
      ctx.globalAlpha = 1; ctx.lineWidth = 1;
    }
    ctx.strokeStyle = 'rgba(16,19,26,0.8)';
    for (var j = 0; j < N; j++) {
      var i = drawOrder[j];
      if (!visible(i)) continue;
      var x = sx(i), y = sy(i), r = radius(i);
      if (x < -r || y < -r || x > width + r || y > height + r) continue;
      ctx.globalAlpha = sel >= 0 && i !== sel && !near[i] ? 0.25 : 1;
      ctx.fillStyle = colour[C[i]];
      ctx.beginPath(); ctx.arc(x, y, r, 0, 2 * Math.PI); ctx.fill();
      if (r > 3) ctx.stroke();
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

  function ring(i, style, w) {
    ctx.strokeStyle = style; ctx.lineWidth = w;
    ctx.beginPath(); ctx.arc(sx(i), sy(i), radius(i) + 3, 0, 2 * Math.PI); ctx.stroke();
    ctx.lineWidth = 1;
  }

  function labels(sel, near) {
    var boxes = [], list = [];
    if (sel >= 0) list.push(sel);
    if (hover >= 0) list.push(hover);
    for (var k = 0; k < N; k++) {
      var i = bySize[k];
      if (k < LABELS || radius(i) > 14 || near[i]) list.push(i);
      else if (sel < 0) break;
    }
    ctx.font = '600 12px system-ui, "DejaVu Sans", sans-serif';
    ctx.textAlign = 'center'; ctx.textBaseline = 'bottom'; ctx.lineJoin = 'round';
    list.forEach(function (i) {
      if (!visible(i)) return;
      var name = data.nodes.id[i], w = ctx.measureText(name).width;
      var x = sx(i), y = sy(i) - radius(i) - 3;
      if (x < 0 || x > width || y < 0 || y > height + 20) return;
      var box = [x - w / 2 - 2, y - 14, x + w / 2 + 2, y + 1];
      for (var b = 0; b < boxes.length; b++) {
        var o = boxes[b];
        if (o[0] < box[2] && box[0] < o[2] && o[1] < box[3] && box[1] < o[3]) return;
      }
      boxes.push(box);
      ctx.strokeStyle = 'rgba(16,19,26,0.9)'; ctx.lineWidth = 4; ctx.strokeText(name, x, y);
      ctx.fillStyle = i === sel ? '#ffd166' : '#e8eaee'; ctx.fillText(name, x, y);
    });
    ctx.lineWidth = 1;
  }

  function frame() { if (dirty) draw(); requestAnimationFrame(frame); }

  // Hit testing: the topmost (largest) visible node under the point.
  function nodeAt(px, py) {
    var best = -1;
    for (var j = N - 1; j >= 0; j--) {
      var i = drawOrder[j];
      if (!visible(i)) continue;
      var dx = sx(i) - px, dy = sy(i) - py, r = radius(i) + 2;
      if (dx * dx + dy * dy <= r * r) { best = i; break; }
    }
    return best;
  }

  var drag = null;
  canvas.addEventListener('mousedown', function (ev) {
    drag = { x: ev.clientX, y: ev.clientY, vx: view.x, vy: view.y, moved: false };
    canvas.classList.add('dragging');
  });
  window.addEventListener('mouseup', function (ev) {
    canvas.classList.remove('dragging');
    if (drag && !drag.moved && ev.target === canvas) {
      var rect = canvas.getBoundingClientRect();
      select(nodeAt(ev.clientX - rect.left, ev.clientY - rect.top), false);
    }
    drag = null;
  });
  canvas.addEventListener('mousemove', function (ev) {
    var rect = canvas.getBoundingClientRect(), px = ev.clientX - rect.left, py = ev.clientY - rect.top;
    if (drag) {
      if (Math.abs(ev.clientX - drag.x) + Math.abs(ev.clientY - drag.y) > 3) drag.moved = true;
      view.x = drag.vx + ev.clientX - drag.x; view.y = drag.vy + ev.clientY - drag.y;
      dirty = true; tooltip.hidden = true; return;
    }
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
    tooltip.style.left = Math.min(px + 14, width - 290) + 'px';
    tooltip.style.top = (py + 14) + 'px';
  });
  canvas.addEventListener('mouseleave', function () { hover = -1; tooltip.hidden = true; dirty = true; });
  canvas.addEventListener('wheel', function (ev) {
    ev.preventDefault();
    var rect = canvas.getBoundingClientRect(), px = ev.clientX - rect.left, py = ev.clientY - rect.top;
    zoomAt(px, py, Math.exp(-ev.deltaY * 0.0015));
  }, { passive: false });

  function zoomAt(px, py, f) {
    var s = Math.max(0.01, Math.min(200, view.s * f));
    f = s / view.s;
    view.x = px - (px - view.x) * f; view.y = py - (py - view.y) * f; view.s = s;
    dirty = true;
  }

  function el(tag, cls, text) {
    var n = document.createElement(tag);
    if (cls) n.className = cls;
    if (text !== undefined) n.textContent = text;
    return n;
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
  function dot(c) { var d = el('span', 'dot'); d.style.background = colour[c]; return d; }

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
    [['Viewers', data.nodes.v[i].toLocaleString('en')], ['Game', data.nodes.g[i]], ['Language', data.nodes.l[i]],
     ['Title', data.nodes.t[i]], ['Neighbours', String(adj[i].length)]].forEach(function (f) {
      if (f[1]) { facts.appendChild(el('dt', null, f[0])); facts.appendChild(el('dd', null, f[1])); }
    });
    //<confidence
    if (data.nodes.q[i] !== null) { facts.appendChild(el('dt', null, 'Confidence')); facts.appendChild(confidenceEl('dd', i)); }
    //confidence>
    var list = document.getElementById('neighbours');
    list.replaceChildren();
    adj[i].forEach(function (e) {
      var o = ES[e] === i ? ET[e] : ES[e];
      var li = el('li');
      li.dataset.id = data.nodes.id[o];
      li.dataset.shared = EN[e];
      li.appendChild(dot(C[o]));
      li.appendChild(el('span', 'name', data.nodes.id[o]));
      li.appendChild(el('span', 'shared', EN[e].toLocaleString('en')));
      li.title = (labelOf[C[o]] || '') + ' · ' + EN[e] + ' shared viewers';
      li.addEventListener('click', function () { select(o, true); });
      list.appendChild(li);
    });
    if (focus) {
      var target = Math.max(view.s, 2.5 * fitScale);
      view.s = target;
      view.x = width / 2 - X[i] * view.s; view.y = height / 2 - Y[i] * view.s;
    }
  }
  document.getElementById('close').addEventListener('click', function () { select(-1, false); });

  // Search: prefix matches first, then substring matches; Enter takes the first.
  var search = document.getElementById('search'), sugg = document.getElementById('suggestions');
  var lower = data.nodes.id.map(function (s) { return s.toLowerCase(); });
  function matches(q) {
    var pre = [], sub = [];
    for (var k = 0; k < N && pre.length < 12; k++) {
      var i = bySize[k], s = lower[i];
      if (s === q) pre.unshift(i); else if (s.indexOf(q) === 0) pre.push(i); else if (s.indexOf(q) > 0 && sub.length < 12) sub.push(i);
    }
    return pre.concat(sub).slice(0, 12);
  }
  function suggest() {
    var q = search.value.trim().toLowerCase();
    sugg.replaceChildren();
    if (!q) { sugg.hidden = true; return; }
    matches(q).forEach(function (i, k) {
      var li = el('li', k === 0 ? 'active' : null);
      li.dataset.id = data.nodes.id[i];
      li.appendChild(dot(C[i])); li.appendChild(el('span', null, data.nodes.id[i]));
      li.addEventListener('mousedown', function (ev) { ev.preventDefault(); choose(i); });
      sugg.appendChild(li);
    });
    sugg.hidden = !sugg.children.length;
  }
  function choose(i) { search.value = data.nodes.id[i]; sugg.hidden = true; select(i, true); }
  search.addEventListener('input', suggest);
  search.addEventListener('keydown', function (ev) {
    var items = Array.prototype.slice.call(sugg.children), at = items.findIndex(function (li) { return li.classList.contains('active'); });
    if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
      ev.preventDefault();
      if (!items.length) return;
      if (at >= 0) items[at].classList.remove('active');
      at = (at + (ev.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length;
      items[at].classList.add('active');
    } else if (ev.key === 'Enter') {
      var id = at >= 0 ? items[at].dataset.id : null;
      if (id === null) { var m = matches(search.value.trim().toLowerCase()); if (m.length) id = data.nodes.id[m[0]]; }
      if (id !== null) choose(index[id]);
    } else if (ev.key === 'Escape') { sugg.hidden = true; }
  });
  search.addEventListener('blur', function () { sugg.hidden = true; });

  // Legend: click toggles a community; the buttons show or hide all.
  function renderLegend() {
    var legend = document.getElementById('legend');
    legend.replaceChildren();
    data.communities.forEach(function (c) {
      var li = el('li', hidden[c.id] ? 'off' : null);
      li.dataset.community = c.id;
      li.appendChild(dot(c.id));
      li.appendChild(el('span', 'name', (c.id >= 0 ? '#' + c.id + ' ' : '') + c.label));
      li.appendChild(el('span', 'count', c.size.toLocaleString('en')));
      li.addEventListener('click', function () {
        if (hidden[c.id]) delete hidden[c.id]; else hidden[c.id] = true;
        li.classList.toggle('off', !!hidden[c.id]); dirty = true;
      });
      legend.appendChild(li);
    });
  }
  document.getElementById('showall').addEventListener('click', function () { hidden = {}; renderLegend(); dirty = true; });
  document.getElementById('hideall').addEventListener('click', function () {
    data.communities.forEach(function (c) { hidden[c.id] = true; }); renderLegend(); dirty = true;
  });

  document.getElementById('fit').addEventListener('click', fit);
  window.addEventListener('resize', function () { resize(); });
  resize(); fit();
  var fitScale = view.s;
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
