// ViewerAtlas explorer pages: the drawing, pointer, search, legend and formatting helpers both the
// single-window and the over-time explorer use, inlined before each page's own script.
var atlasCommon = (function () {
  'use strict';

  function el(tag, cls, text) {
    var n = document.createElement(tag);
    if (cls) n.className = cls;
    if (text !== undefined) n.textContent = text;
    return n;
  }
  function dot(color) { var d = el('span', 'dot'); d.style.background = color; return d; }
  function fmt(v) { return v.toLocaleString('en'); }

  function titles(data) {
    document.getElementById('title').textContent = data.title;
    document.getElementById('subtitle').textContent = data.subtitle;
    document.title = data.title;
  }

  // Keeps the canvas at the device's pixel ratio, drawn in CSS pixels (sized(width, height) after each
  // change), and fits the view to bounds() = [x0, y0, x1, y1] below the top bar at the start and on the
  // Reset view button; a unit box when there is nothing. Returns the scale of the first fit.
  function fittedMap(canvas, ctx, view, bounds, sized) {
    var width = 0, height = 0;
    function resize() {
      var dpr = window.devicePixelRatio || 1;
      width = canvas.clientWidth; height = canvas.clientHeight;
      canvas.width = Math.round(width * dpr); canvas.height = Math.round(height * dpr);
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      sized(width, height);
    }
    function fit() {
      var b = bounds(), x0 = b[0], y0 = b[1], x1 = b[2], y1 = b[3];
      if (!isFinite(x0)) { x0 = y0 = -1; x1 = y1 = 1; }
      var top = 72;
      view.s = Math.min(width / (x1 - x0 + 1e-9), (height - top) / (y1 - y0 + 1e-9)) * 0.92;
      view.x = width / 2 - (x0 + x1) / 2 * view.s;
      view.y = top + (height - top) / 2 - (y0 + y1) / 2 * view.s;
      sized(width, height);
    }
    document.getElementById('fit').addEventListener('click', fit);
    window.addEventListener('resize', function () { resize(); });
    resize(); fit();
    return view.s;
  }

  // Centres the view on (x, y), zoomed in to at least minScale.
  function focusOn(view, x, y, minScale, width, height) {
    view.s = Math.max(view.s, minScale);
    view.x = width / 2 - x * view.s; view.y = height / 2 - y * view.s;
  }

  // Background edges are fainter the more are drawn, so that dense maps do not turn into a grey wash.
  function edgeAlpha(count, max) { return Math.max(0.025, Math.min(0.25, 5 / Math.sqrt(Math.min(count, max) + 1))); }

  // One path per colour (paths: colour -> flat x0, y0, x1, y1 list): thousands of segments per stroke
  // call keep panning smooth.
  function strokePaths(ctx, paths) {
    Object.keys(paths).sort().forEach(function (style) {
      var p = paths[style];
      ctx.strokeStyle = style;
      ctx.beginPath();
      for (var q = 0; q < p.length; q += 4) { ctx.moveTo(p[q], p[q + 1]); ctx.lineTo(p[q + 2], p[q + 3]); }
      ctx.stroke();
    });
    ctx.globalAlpha = 1;
  }

  // An edge from the selected channel, thicker the more viewers it shares.
  function neighbourEdge(ctx, x0, y0, x1, y1, shared) {
    ctx.lineWidth = 1 + Math.min(4, Math.log(1 + shared) / 2);
    ctx.beginPath(); ctx.moveTo(x0, y0); ctx.lineTo(x1, y1); ctx.stroke();
  }

  // A channel's disc, unless it is off screen.
  function disc(ctx, x, y, r, fill, alpha, width, height) {
    if (x < -r || y < -r || x > width + r || y > height + r) return;
    ctx.globalAlpha = alpha;
    ctx.fillStyle = fill;
    ctx.beginPath(); ctx.arc(x, y, r, 0, 2 * Math.PI); ctx.fill();
    if (r > 3) ctx.stroke();
  }

  function ring(ctx, x, y, r, style, w) {
    ctx.strokeStyle = style; ctx.lineWidth = w;
    ctx.beginPath(); ctx.arc(x, y, r + 3, 0, 2 * Math.PI); ctx.stroke();
    ctx.lineWidth = 1;
  }

  // Names above the channels in list, in that order, each left out where it would overlap one already
  // drawn; label(i) gives [name, x, y of the disc's top, disc radius] or null for a hidden channel.
  function drawLabels(ctx, list, label, sel, width, height) {
    var boxes = [];
    ctx.font = '600 12px system-ui, "DejaVu Sans", sans-serif';
    ctx.textAlign = 'center'; ctx.textBaseline = 'bottom'; ctx.lineJoin = 'round';
    list.forEach(function (i) {
      var l = label(i);
      if (!l) return;
      var name = l[0], tw = ctx.measureText(name).width;
      var x = l[1], y = l[2] - l[3] - 3;
      if (x < 0 || x > width || y < 0 || y > height + 20) return;
      var box = [x - tw / 2 - 2, y - 14, x + tw / 2 + 2, y + 1];
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

  // Hit testing: the topmost visible disc under the point, by drawing order (n entries), or -1.
  function nodeAt(order, n, visible, sx, sy, radius, px, py) {
    for (var j = n - 1; j >= 0; j--) {
      var i = order[j];
      if (!visible(i)) continue;
      var dx = sx(i) - px, dy = sy(i) - py, r = radius(i) + 2;
      if (dx * dx + dy * dy <= r * r) return i;
    }
    return -1;
  }

  // Dragging pans, the wheel zooms at the pointer, a click without dragging and hovering go to the page:
  // on.click(px, py), on.hover(px, py), on.leave(), on.changed() when the view moved.
  function panZoom(canvas, view, tooltip, on) {
    var drag = null;
    canvas.addEventListener('mousedown', function (ev) {
      drag = { x: ev.clientX, y: ev.clientY, vx: view.x, vy: view.y, moved: false };
      canvas.classList.add('dragging');
    });
    window.addEventListener('mouseup', function (ev) {
      canvas.classList.remove('dragging');
      if (drag && !drag.moved && ev.target === canvas) {
        var rect = canvas.getBoundingClientRect();
        on.click(ev.clientX - rect.left, ev.clientY - rect.top);
      }
      drag = null;
    });
    canvas.addEventListener('mousemove', function (ev) {
      var rect = canvas.getBoundingClientRect(), px = ev.clientX - rect.left, py = ev.clientY - rect.top;
      if (drag) {
        if (Math.abs(ev.clientX - drag.x) + Math.abs(ev.clientY - drag.y) > 3) drag.moved = true;
        view.x = drag.vx + ev.clientX - drag.x; view.y = drag.vy + ev.clientY - drag.y;
        on.changed(); tooltip.hidden = true; return;
      }
      on.hover(px, py);
    });
    canvas.addEventListener('mouseleave', function () { tooltip.hidden = true; on.leave(); });
    canvas.addEventListener('wheel', function (ev) {
      ev.preventDefault();
      var rect = canvas.getBoundingClientRect(), px = ev.clientX - rect.left, py = ev.clientY - rect.top;
      var s = Math.max(0.01, Math.min(200, view.s * Math.exp(-ev.deltaY * 0.0015))), f = s / view.s;
      view.x = px - (px - view.x) * f; view.y = py - (py - view.y) * f; view.s = s;
      on.changed();
    }, { passive: false });
  }

  // The tooltip beside the pointer, kept inside the map.
  function placeTooltip(tooltip, px, py, width) {
    tooltip.style.left = Math.min(px + 14, width - 290) + 'px';
    tooltip.style.top = (py + 14) + 'px';
  }

  // A fact in the side panel's list, left out when it has no value.
  function fact(facts, name, value, cls) {
    if (value) { facts.appendChild(el('dt', null, name)); facts.appendChild(el('dd', cls || null, value)); }
  }

  // A neighbour in the side panel's list; a click opens it.
  function neighbourItem(name, shared, dotEl, open) {
    var li = el('li');
    li.dataset.id = name; li.dataset.shared = shared;
    li.appendChild(dotEl);
    li.appendChild(el('span', 'name', name));
    li.appendChild(el('span', 'shared', fmt(shared)));
    li.addEventListener('click', open);
    return li;
  }

  // A legend entry: a click hides or shows community id (hidden() gives the page's current set).
  function legendItem(hidden, id, name, count, dotEl, changed) {
    var li = el('li', hidden()[id] ? 'off' : null);
    li.dataset.community = id;
    li.appendChild(dotEl);
    li.appendChild(el('span', 'name', name));
    li.appendChild(el('span', 'count', fmt(count)));
    li.addEventListener('click', function () {
      var h = hidden();
      if (h[id]) delete h[id]; else h[id] = true;
      li.classList.toggle('off', !!h[id]); changed();
    });
    return li;
  }

  // Up to 12 names containing q, those starting with it (an exact match first) before the others,
  // each group in the order at(0), at(1), ... of the n candidates (lower: the names in lower case).
  function matchNames(q, lower, n, at) {
    var pre = [], sub = [];
    for (var k = 0; k < n && pre.length < 12; k++) {
      var i = at(k), s = lower[i];
      if (s === q) pre.unshift(i); else if (s.indexOf(q) === 0) pre.push(i); else if (s.indexOf(q) > 0 && sub.length < 12) sub.push(i);
    }
    return pre.concat(sub).slice(0, 12);
  }

  // The search box: suggestions while typing, arrows move through them, Enter takes the one marked (or
  // the first match), Escape closes them. s: matches(q), name(i), dot(i), index(name), select(i).
  function searchBox(s) {
    var search = document.getElementById('search'), sugg = document.getElementById('suggestions');
    function choose(i) { search.value = s.name(i); sugg.hidden = true; s.select(i); }
    search.addEventListener('input', function () {
      var q = search.value.trim().toLowerCase();
      sugg.replaceChildren();
      if (!q) { sugg.hidden = true; return; }
      s.matches(q).forEach(function (i, k) {
        var li = el('li', k === 0 ? 'active' : null);
        li.dataset.id = s.name(i);
        li.appendChild(s.dot(i)); li.appendChild(el('span', null, s.name(i)));
        li.addEventListener('mousedown', function (ev) { ev.preventDefault(); choose(i); });
        sugg.appendChild(li);
      });
      sugg.hidden = !sugg.children.length;
    });
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
        if (id === null) { var m = s.matches(search.value.trim().toLowerCase()); if (m.length) id = s.name(m[0]); }
        if (id !== null) choose(s.index(id));
      } else if (ev.key === 'Escape') { sugg.hidden = true; }
    });
    search.addEventListener('blur', function () { sugg.hidden = true; });
  }

  return { el: el, dot: dot, fmt: fmt, titles: titles, fittedMap: fittedMap, focusOn: focusOn,
    edgeAlpha: edgeAlpha, strokePaths: strokePaths, neighbourEdge: neighbourEdge, disc: disc, ring: ring,
    drawLabels: drawLabels, nodeAt: nodeAt, panZoom: panZoom, placeTooltip: placeTooltip, fact: fact,
    neighbourItem: neighbourItem, legendItem: legendItem, matchNames: matchNames, searchBox: searchBox };
})();
