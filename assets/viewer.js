// kgx graph viewer: draws the graph embedded in #kgx-data with cytoscape.js.
// The overview shows the best-connected entities (TOP of them); "Show all" draws every entity that has a
// relation; searching or double-clicking an entity shows its neighbourhood. Filters hide entity types and
// relation types everywhere. All text is set with textContent, never parsed as HTML.
(function () {
  'use strict';

  var TOP = 150;          // entities in the overview
  var FORCE_LIMIT = 300;   // above this many entities, each connected part is laid out alone and the parts packed
  var RESULTS = 20;       // search results listed

  var data = JSON.parse(document.getElementById('kgx-data').textContent);
  var nodeById = new Map(data.nodes.map(function (node) { return [node.id, node]; }));
  var edgeById = new Map(data.edges.map(function (edge) { return [edge.id, edge]; }));
  var state = {
    types: new Set(Object.keys(data.types)),
    relations: new Set(Object.keys(data.relations)),
    all: false,
    focus: null
  };
  var $ = function (id) { return document.getElementById(id); };

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  var cy = cytoscape({
    container: $('graph'),
    wheelSensitivity: 0.3,
    minZoom: 0.05,
    maxZoom: 4,
    style: [
      { selector: 'node', style: {
        'label': 'data(name)', 'shape': 'data(shape)', 'background-color': 'data(color)',
        'border-width': 1, 'border-color': '#666', 'width': 'data(size)', 'height': 'data(size)',
        'font-size': 12, 'text-valign': 'bottom', 'text-margin-y': 3, 'text-wrap': 'ellipsis',
        'text-max-width': 120, 'min-zoomed-font-size': 6, 'text-background-color': '#fff',
        'text-background-opacity': 0.7, 'text-background-padding': 1,
        'font-family': '"WenQuanYi Micro Hei", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif'
      } },
      { selector: 'edge', style: {
        'width': 'mapData(weight, 1, 10, 1.2, 5)', 'line-color': 'data(color)',
        'target-arrow-color': 'data(color)', 'target-arrow-shape': 'data(arrow)',
        'curve-style': 'bezier', 'arrow-scale': 0.8, 'opacity': 0.85,
        'label': 'data(label)', 'font-size': 9, 'color': 'data(color)', 'min-zoomed-font-size': 10,
        'text-rotation': 'autorotate', 'text-background-color': '#fff', 'text-background-opacity': 0.8,
        'font-family': '"WenQuanYi Micro Hei", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif'
      } },
      { selector: 'edge[?symmetric]', style: { 'line-style': 'dashed' } },
      { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#d00' } },
      { selector: 'edge:selected', style: { 'line-color': '#d00', 'target-arrow-color': '#d00', 'width': 4,
        'z-index': 10 } },
      { selector: '.focus', style: { 'border-width': 3, 'border-color': '#000' } }
    ]
  });
  window.kgxViewer = { cy: cy, data: data };

  // The edges that pass the filters, and the entities they join.
  function filteredEdges() {
    return data.edges.filter(function (edge) {
      return state.relations.has(edge.type) &&
        state.types.has(nodeById.get(edge.source).type) && state.types.has(nodeById.get(edge.target).type);
    });
  }

  // The entities and edges to draw now.
  function visible() {
    var edges = filteredEdges();
    var ids;
    if (state.focus) {
      ids = new Set([state.focus]);
      edges.forEach(function (edge) {
        if (edge.source === state.focus) ids.add(edge.target);
        if (edge.target === state.focus) ids.add(edge.source);
      });
    } else {
      var degree = new Map();
      edges.forEach(function (edge) {
        degree.set(edge.source, (degree.get(edge.source) || 0) + 1);
        degree.set(edge.target, (degree.get(edge.target) || 0) + 1);
      });
      var ranked = Array.from(degree.keys()).sort(function (a, b) {
        return degree.get(b) - degree.get(a) || (a < b ? -1 : a > b ? 1 : 0);
      });
      ids = new Set(state.all ? ranked : ranked.slice(0, TOP));
    }
    edges = edges.filter(function (edge) { return ids.has(edge.source) && ids.has(edge.target); });
    if (!state.focus) {
      // An overview entity whose partners all fell below the cut would float alone: leave it out.
      ids = new Set();
      edges.forEach(function (edge) { ids.add(edge.source); ids.add(edge.target); });
    }
    return { nodes: Array.from(ids).map(function (id) { return nodeById.get(id); }), edges: edges };
  }

  function draw() {
    var shown = visible();
    cy.batch(function () {
      cy.elements().remove();
      cy.add(shown.nodes.map(function (node) {
        var look = data.types[node.type];
        return { group: 'nodes', classes: node.id === state.focus ? 'focus' : '', data: {
          id: node.id, name: node.name, color: look.color, shape: look.shape,
          size: 14 + 5 * Math.sqrt(node.degree) } };
      }));
      cy.add(shown.edges.map(function (edge) {
        return { group: 'edges', data: {
          id: edge.id, source: edge.source, target: edge.target, label: edge.label, weight: edge.weight,
          symmetric: edge.symmetric, color: data.relations[edge.type].color,
          arrow: edge.symmetric ? 'none' : 'triangle' } };
      }));
    });
    if (!state.focus && shown.nodes.length > FORCE_LIMIT) {
      packComponents();
    } else {
      cy.layout(layoutFor()).run();
    }
    cy.fit(undefined, 30);
    if (cy.zoom() > 1.5) {
      cy.zoom(1.5);
      cy.center();
    }
    $('shown-nodes').textContent = shown.nodes.length;
    $('shown-edges').textContent = shown.edges.length;
    $('show-all').hidden = state.all && !state.focus;
    $('show-all').textContent = 'Show all (' + countConnected() + ')';
    $('reset').hidden = !state.focus && !state.all;
  }

  // A neighbourhood is drawn around its entity, the overview force-directed.
  function layoutFor() {
    if (state.focus) {
      return { name: 'concentric', animate: false, minNodeSpacing: 30,
        concentric: function (node) { return node.id() === state.focus ? 2 : 1; },
        levelWidth: function () { return 1; } };
    }
    return { name: 'cose', animate: false, randomize: false, numIter: 1500, componentSpacing: 60,
      nodeRepulsion: function () { return 20000; }, idealEdgeLength: function () { return 100; },
      boundingBox: { x1: 0, y1: 0, w: cy.width(), h: cy.height() } };
  }

  // Many entities: a force-directed layout of all of them at once is slow (quadratic), but a real graph
  // is mostly small connected parts. Each part is laid out alone (force-directed, or in a circle when
  // small), biggest first, and the parts are packed in rows about as wide as the container's proportions.
  function packComponents() {
    var parts = cy.elements().components().sort(function (a, b) {
      return b.nodes().length - a.nodes().length;
    });
    var boxes = parts.map(function (part) {
      var small = part.nodes().length <= 6;
      part.layout(small ? { name: 'circle', animate: false, radius: 20 * part.nodes().length }
        : { name: 'cose', animate: false, randomize: true, numIter: 1000,
            nodeRepulsion: function () { return 20000; }, idealEdgeLength: function () { return 100; } }).run();
      return part.boundingBox({ includeLabels: true });
    });
    var area = boxes.reduce(function (sum, box) { return sum + (box.w + 30) * (box.h + 30); }, 0);
    var rowWidth = Math.sqrt(area * cy.width() / cy.height());
    var x = 0, y = 0, rowHeight = 0;
    parts.forEach(function (part, index) {
      var box = boxes[index];
      if (x > 0 && x + box.w > rowWidth) {
        x = 0;
        y += rowHeight + 30;
        rowHeight = 0;
      }
      part.nodes().shift({ x: x - box.x1, y: y - box.y1 });
      x += box.w + 30;
      rowHeight = Math.max(rowHeight, box.h);
    });
  }

  function countConnected() {
    var ids = new Set();
    filteredEdges().forEach(function (edge) { ids.add(edge.source); ids.add(edge.target); });
    return ids.size;
  }

  // The filter lists, which are also the legend.
  function filters(listId, styles, set, counts, swatch) {
    var list = $(listId);
    Object.keys(styles).forEach(function (name) {
      var box = el('input');
      box.type = 'checkbox';
      box.checked = true;
      box.value = name;
      box.addEventListener('change', function () {
        if (box.checked) set.add(name); else set.delete(name);
        draw();
      });
      var label = el('label');
      label.append(box, swatch(styles[name]), el('span', '', name), el('span', 'count', counts[name] || 0));
      var item = el('li');
      item.append(label);
      list.append(item);
    });
  }

  function tally(items) {
    var counts = {};
    items.forEach(function (item) { counts[item.type] = (counts[item.type] || 0) + 1; });
    return counts;
  }

  // Details of an entity.
  function showNode(id) {
    var node = nodeById.get(id);
    var panel = $('details');
    panel.replaceChildren();
    panel.dataset.node = id;
    delete panel.dataset.edge;
    panel.append(el('h2', '', node.name));
    var list = el('dl');
    [['type', node.type], ['id', node.id], ['aliases', node.aliases.join('、') || '—'],
     ['relations', node.degree], ['mentions', node.mentions], ['documents', node.documents]]
      .forEach(function (row) { list.append(el('dt', '', row[0]), el('dd', '', String(row[1]))); });
    panel.append(list);
    if (node.degree > 0 && state.focus !== id) {
      var button = el('button', '', 'Show its neighbourhood');
      button.type = 'button';
      button.addEventListener('click', function () { focus(id); });
      panel.append(button);
    }
  }

  // Details of an edge: its evidence sentences with both ends' names marked.
  function showEdge(id) {
    var edge = edgeById.get(id);
    var source = nodeById.get(edge.source);
    var target = nodeById.get(edge.target);
    var panel = $('details');
    panel.replaceChildren();
    panel.dataset.edge = id;
    delete panel.dataset.node;
    panel.append(el('h2', '', source.name + (edge.symmetric ? ' — ' : ' → ') + target.name));
    var list = el('dl');
    list.append(el('dt', '', 'relation'), el('dd', '', edge.label));
    Object.keys(edge.values).forEach(function (name) {
      list.append(el('dt', '', name), el('dd', '', edge.values[name].join('; ')));
    });
    list.append(el('dt', '', 'sentences'), el('dd', '', String(edge.weight)));
    panel.append(list);
    var names = [source, target].map(function (node, end) {
      return [node.name].concat(node.aliases).map(function (name) { return { text: name, end: end }; });
    });
    var marks = names[0].concat(names[1]).filter(function (mark) { return mark.text; })
      .sort(function (a, b) { return b.text.length - a.text.length; });
    var evidence = el('ol', 'evidence');
    edge.evidence.forEach(function (item) {
      var entry = el('li');
      entry.append(el('div', 'document', item.document), highlighted(item.sentence, marks),
        el('div', 'rule', 'rule ' + item.rule));
      evidence.append(entry);
    });
    panel.append(evidence);
  }

  // A paragraph of `text` with every occurrence of a mark's text (longest first) in <mark>.
  function highlighted(text, marks) {
    var paragraph = el('p', 'sentence');
    var at = 0;
    while (at < text.length) {
      var next = null;
      marks.forEach(function (mark) {
        var found = text.indexOf(mark.text, at);
        if (found >= 0 && (!next || found < next.found ||
            (found === next.found && mark.text.length > next.mark.text.length))) {
          next = { found: found, mark: mark };
        }
      });
      if (!next) break;
      paragraph.append(text.slice(at, next.found));
      paragraph.append(el('mark', next.mark.end ? 'target' : 'source', next.mark.text));
      at = next.found + next.mark.text.length;
    }
    paragraph.append(text.slice(at));
    return paragraph;
  }

  function focus(id) {
    state.focus = id;
    draw();
    var node = cy.getElementById(id);
    if (node.length) node.select();
    showNode(id);
  }

  // Search: substring of a name or an alias, best-connected first.
  function search(query) {
    query = query.trim().toLowerCase();
    if (!query) return [];
    return data.nodes.filter(function (node) {
      return node.name.toLowerCase().includes(query) ||
        node.aliases.some(function (alias) { return alias.toLowerCase().includes(query); });
    }).sort(function (a, b) { return b.degree - a.degree || (a.id < b.id ? -1 : 1); });
  }

  function listResults() {
    var found = search($('search').value);
    var list = $('results');
    list.replaceChildren();
    list.hidden = !$('search').value.trim();
    if (!found.length) list.append(el('li', 'muted', 'No entity has this in its name or aliases.'));
    found.slice(0, RESULTS).forEach(function (node, index) {
      var item = el('li', index === 0 ? 'active' : '');
      item.dataset.id = node.id;
      var alias = node.aliases.find(function (name) {
        return name.toLowerCase().includes($('search').value.trim().toLowerCase());
      });
      item.append(el('span', '', node.name + (alias && !node.name.includes(alias) ? ' (' + alias + ')' : '')),
        el('span', 'kind', ' ' + node.type + ' · ' + node.degree + ' relations'));
      item.addEventListener('mousedown', function (event) { event.preventDefault(); choose(node.id); });
      list.append(item);
    });
    if (found.length > RESULTS) list.append(el('li', 'muted', '… ' + (found.length - RESULTS) + ' more'));
  }

  function choose(id) {
    $('results').hidden = true;
    focus(id);
  }

  $('search').addEventListener('input', listResults);
  $('search').addEventListener('keydown', function (event) {
    if (event.key === 'Enter') {
      var first = $('results').querySelector('li[data-id]');
      if (first) choose(first.dataset.id);
    } else if (event.key === 'Escape') {
      $('results').hidden = true;
    }
  });
  $('search').addEventListener('blur', function () { $('results').hidden = true; });
  $('show-all').addEventListener('click', function () { state.all = true; state.focus = null; draw(); });
  $('reset').addEventListener('click', function () { state.all = false; state.focus = null; draw(); });
  cy.on('tap', 'node', function (event) { showNode(event.target.id()); });
  cy.on('dbltap', 'node', function (event) { focus(event.target.id()); });
  cy.on('tap', 'edge', function (event) { showEdge(event.target.id()); });

  $('total-nodes').textContent = data.nodes.length;
  $('total-edges').textContent = data.edges.length;
  filters('type-filters', data.types, state.types, tally(data.nodes), function (look) {
    var swatch = el('span', 'swatch');
    swatch.style.background = look.color;
    return swatch;
  });
  filters('relation-filters', data.relations, state.relations, tally(data.edges), function (look) {
    var line = el('span', look.symmetric ? 'line dashed' : 'line');
    line.style.borderTopColor = look.color;
    return line;
  });
  draw();
}());
