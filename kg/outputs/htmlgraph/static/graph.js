/* The page's behaviour: the vis.js network, the filters, the search box and the evidence panel.
 * Every piece of document text reaches the DOM through textContent or text nodes, and the
 * only link the page makes is to a Wikidata item page. */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var WIKIDATA = /^https:\/\/www\.wikidata\.org\/wiki\/Q[1-9][0-9]*$/;
  var LISTED = 300; /* claims listed at most in an actor's panel */
  var MAX_FIT_SCALE = 1.5; /* a graph of three actors is not blown up to fill the screen */
  var TITLE_LENGTH = 110; /* characters of a document title shown in the evidence panel */
  var kinds = byName(data.kinds);
  var families = byName(data.families);
  var relations = byName(data.relations);

  var state = {
    relations: new Set(data.relations.map(function (r) { return r.name; })),
    documents: new Set(data.documents.map(function (_d, i) { return i; })),
    sections: { body: true, comment: true },
    positive: true,
    negative: true,
    minConfidence: 0,
    isolated: false,
    pinned: null
  };

  /* What is drawn now, kept here: reading it back from a vis DataSet copies every item. */
  var drawn = {
    edgeHidden: data.edges.map(function () { return false; }),
    edgeCount: data.edges.map(function (edge) { return edge.claims.length; }),
    nodeHidden: data.nodes.map(function (node) { return node.claims === 0; })
  };

  function byName(items) {
    var out = {};
    items.forEach(function (item) { out[item.name] = item; });
    return out;
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function $(id) { return document.getElementById(id); }

  /* ---- which claims pass the filters ---- */

  function passes(claim) {
    var sentence = data.sentences[claim.t];
    if (!state.relations.has(claim.r) || !state.documents.has(sentence.d) || !state.sections[sentence.s]) {
      return false;
    }
    if (claim.n ? !state.negative : !state.positive) { return false; }
    return state.minConfidence === 0 || (claim.c !== null && claim.c >= state.minConfidence);
  }

  function visibleClaims(edge) {
    return edge.claims.filter(function (k) { return passes(data.claims[k]); });
  }

  /* ---- the network ----
   * Options shared by all nodes of a type, or by all edges, go into vis.js's groups and global
   * options: each item carries only what is its own, which keeps a 10,000-edge load fast. */

  function groups() {
    var out = {};
    data.kinds.forEach(function (kind) {
      out[kind.name] = { shape: kind.shape, color: {
        background: kind.colour, border: "#ffffff",
        highlight: { background: kind.colour, border: "#111111" },
        hover: { background: kind.colour, border: "#111111" } } };
    });
    return out;
  }

  function nodeItem(node, i) {
    return { id: i, label: node.label, x: node.x, y: node.y, size: node.size, group: node.kind,
             physics: !node.fixed, hidden: drawn.nodeHidden[i] };
  }

  function edgeWidth(count) { return Math.min(8, 1 + 1.5 * Math.log2(count)); }

  function edgeLabel(edge, count) {
    if (data.big) { return count > 1 ? "\u00d7" + count : ""; }
    var label = relations[edge.r].label;
    return count > 1 ? label + " \u00d7" + count : label;
  }

  function edgeItems() {
    var parallel = {};
    return data.edges.map(function (edge, i) {
      var relation = relations[edge.r];
      var count = edge.claims.length;
      var item = { id: i, from: edge.f, to: edge.t, length: edge.l, color: families[relation.family].colour };
      if (edge.n) { item.dashes = true; }
      if (relation.symmetric) { item.arrows = { to: { enabled: false } }; }
      if (count > 1) { item.width = edgeWidth(count); }
      var label = edgeLabel(edge, count);
      if (label) { item.label = label; }
      if (!data.big) {
        /* Edges between the same two actors bend by different amounts so that none hides another. */
        var key = Math.min(edge.f, edge.t) + ":" + Math.max(edge.f, edge.t);
        var rank = parallel[key] = (parallel[key] === undefined ? 0 : parallel[key] + 1);
        item.smooth = { enabled: true, type: "curvedCW", roundness: 0.08 + 0.14 * rank };
      }
      return item;
    });
  }

  var nodes = new vis.DataSet(data.nodes.map(nodeItem));
  var edges = new vis.DataSet(edgeItems());
  var moving = data.nodes.some(function (n) { return !n.fixed && n.claims > 0; });
  var network = new vis.Network($("graph"), { nodes: nodes, edges: edges }, {
    autoResize: true,
    layout: { improvedLayout: false, randomSeed: 1 },
    groups: groups(),
    nodes: {
      borderWidth: 1.5, borderWidthSelected: 3,
      font: { size: 14, color: "#222222", strokeWidth: 3, strokeColor: "#ffffff" }
    },
    edges: {
      selectionWidth: 2, hoverWidth: 1.5, width: 1, smooth: false,
      arrows: { to: { enabled: true, scaleFactor: 0.55 } },
      color: { inherit: false, opacity: data.big ? 0.45 : 0.85 },
      font: { size: 11, color: "#444444", strokeWidth: 3, strokeColor: "#ffffff", align: "middle" }
    },
    interaction: {
      hover: true, hideEdgesOnDrag: data.big, hideEdgesOnZoom: data.big,
      navigationButtons: false, keyboard: false
    },
    physics: {
      enabled: moving, solver: "barnesHut", barnesHut: data.physics.forces,
      minVelocity: 0.75, timestep: 0.5, adaptiveTimestep: data.physics.adaptive,
      stabilization: { enabled: true, iterations: data.physics.iterations, updateInterval: 50, fit: false }
    }
  });

  function fitVisible() {
    var ids = [];
    drawn.nodeHidden.forEach(function (hidden, i) { if (!hidden) { ids.push(i); } });
    if (ids.length) { network.fit({ nodes: ids, animation: false }); }
    if (network.getScale() > MAX_FIT_SCALE) { network.moveTo({ scale: MAX_FIT_SCALE }); }
  }

  /* Physics only settles the layout computed ahead, then stops: the graph stays where it is. */
  function settled() {
    network.setOptions({ physics: { enabled: false } });
    fitVisible();
    var ms = Math.round(performance.now());
    document.body.setAttribute("data-stabilized", String(ms));
    $("status").textContent = data.nodes.length
      ? "Layout settled in " + (ms / 1000).toFixed(1) + " s; drag actors to rearrange."
      : "This graph has no actors.";
  }

  /* Until the reader moves the view, keep the whole graph in it when the window changes size. */
  var viewTouched = false;
  ["dragStart", "zoom"].forEach(function (name) { network.on(name, function () { viewTouched = true; }); });
  network.on("resize", function () { if (!viewTouched) { fitVisible(); } });

  /* ---- filters ---- */

  function applyFilters() {
    var nodeClaims = data.nodes.map(function () { return 0; });
    var edgeUpdates = [];
    var shown = 0;
    data.edges.forEach(function (edge, i) {
      var count = visibleClaims(edge).length;
      shown += count;
      if (count) { nodeClaims[edge.f] += count; nodeClaims[edge.t] += count; }
      var hidden = count === 0;
      if (hidden !== drawn.edgeHidden[i] || (count && count !== drawn.edgeCount[i])) {
        var update = { id: i, hidden: hidden };
        if (count) {
          update.label = edgeLabel(edge, count);
          update.width = edgeWidth(count);
          drawn.edgeCount[i] = count;
        }
        drawn.edgeHidden[i] = hidden;
        edgeUpdates.push(update);
      }
    });
    var nodeUpdates = [];
    var actors = 0;
    data.nodes.forEach(function (node, i) {
      var hidden = !(nodeClaims[i] > 0 || (state.isolated && node.claims === 0));
      if (!hidden) { actors += 1; }
      if (hidden !== drawn.nodeHidden[i]) {
        drawn.nodeHidden[i] = hidden;
        nodeUpdates.push({ id: i, hidden: hidden });
      }
    });
    if (edgeUpdates.length) { edges.update(edgeUpdates); }
    if (nodeUpdates.length) { nodes.update(nodeUpdates); }
    $("summary").textContent = actors + " actors, " + shown + " of " + data.claims.length + " claims shown";
    if (state.pinned) { show(state.pinned); }
  }

  function checkbox(onChange) {
    var row = el("label");
    var input = el("input");
    input.type = "checkbox";
    input.checked = true;
    input.addEventListener("change", function () { onChange(input.checked); applyFilters(); });
    row.appendChild(input);
    return { row: row, input: input };
  }

  function toggle(set, value, on) {
    if (on) { set.add(value); } else { set.delete(value); }
  }

  function buildRelationFilters() {
    var box = $("relation-filters");
    var counts = {};
    data.claims.forEach(function (c) { counts[c.r] = (counts[c.r] || 0) + 1; });
    data.families.forEach(function (family) {
      var members = data.relations.filter(function (r) { return r.family === family.name; });
      if (!members.length) { return; }
      box.appendChild(el("h3", null, family.label));
      members.forEach(function (relation) {
        var item = checkbox(function (on) { toggle(state.relations, relation.name, on); });
        var swatch = el("span", "swatch");
        swatch.style.borderTopColor = family.colour;
        item.row.appendChild(swatch);
        item.row.appendChild(document.createTextNode(relation.label + " "));
        item.row.appendChild(el("span", "count", "(" + (counts[relation.name] || 0) + ")"));
        box.appendChild(item.row);
      });
    });
  }

  function buildDocumentFilters() {
    var box = $("document-filters");
    var inputs = data.documents.map(function (doc, i) {
      var item = checkbox(function (on) { toggle(state.documents, i, on); });
      item.row.title = doc.id + ": " + doc.title;
      item.row.appendChild(document.createTextNode(doc.title));
      box.appendChild(item.row);
      return item.input;
    });
    function setAll(on) {
      inputs.forEach(function (input, i) { input.checked = on; toggle(state.documents, i, on); });
      applyFilters();
    }
    $("documents-all").addEventListener("click", function () { setAll(true); });
    $("documents-none").addEventListener("click", function () { setAll(false); });
  }

  function bindClaimFilters() {
    function bind(id, apply) {
      $(id).addEventListener("change", function (event) { apply(event.target.checked); applyFilters(); });
    }
    bind("section-body", function (on) { state.sections.body = on; });
    bind("section-comment", function (on) { state.sections.comment = on; });
    bind("polarity-positive", function (on) { state.positive = on; });
    bind("polarity-negative", function (on) { state.negative = on; });
    bind("show-isolated", function (on) { state.isolated = on; });
    var range = $("confidence");
    range.addEventListener("input", function () {
      state.minConfidence = Number(range.value);
      $("confidence-value").textContent = state.minConfidence.toFixed(2);
      applyFilters();
    });
  }

  /* ---- the evidence panel ---- */

  function actorName(i) { return data.nodes[i].label; }

  /* The sentence, with the words that express the relation in a <mark>; `h` counts UTF-16 units. */
  function sentenceNode(claim) {
    var text = data.sentences[claim.t].x;
    var p = el("p", "sentence");
    if (claim.h) {
      p.appendChild(document.createTextNode(text.slice(0, claim.h[0])));
      p.appendChild(el("mark", null, text.slice(claim.h[0], claim.h[1])));
      p.appendChild(document.createTextNode(text.slice(claim.h[1])));
    } else {
      p.textContent = text;
    }
    return p;
  }

  /* rows: [term, text] or [term, text, full text shown on hover] */
  function meta(rows) {
    var dl = el("dl", "meta");
    rows.forEach(function (row) {
      dl.appendChild(el("dt", null, row[0]));
      var dd = el("dd", null, row[1]);
      if (row[2]) { dd.title = row[2]; }
      dl.appendChild(dd);
    });
    return dl;
  }

  function shorten(text, length) {
    var chars = Array.from(text); /* code points: never half of a surrogate pair */
    return chars.length > length ? chars.slice(0, length - 1).join("") + "\u2026" : text;
  }

  function claimCard(k, withHead) {
    var claim = data.claims[k];
    var relation = relations[claim.r];
    var sentence = data.sentences[claim.t];
    var doc = data.documents[sentence.d];
    var card = el("div", "claim" + (claim.n ? " negative" : ""));
    card.style.borderLeftColor = families[relation.family].colour;
    if (withHead) {
      var head = el("div", "head",
        actorName(claim.s) + " \u2014 " + (claim.n ? "not " : "") + relation.label + " \u2192 " + actorName(claim.o));
      var open = el("button", null, "edge");
      open.type = "button";
      open.title = "Show every claim behind this edge";
      open.addEventListener("click", function () { network.selectEdges([claim.e]); pin({ edge: claim.e }); });
      head.appendChild(open);
      card.appendChild(head);
    }
    card.appendChild(sentenceNode(claim));
    card.appendChild(meta([
      ["Document", shorten(doc.title, TITLE_LENGTH) + " (" + doc.id + ")", doc.title],
      ["Asserted by", data.asserters[claim.a]],
      ["Polarity", claim.n ? "negative (denied)" : "positive (asserted)"],
      ["Confidence", claim.c === null ? "unknown" : claim.c.toFixed(2)],
      ["Section", sentence.s === "comment" ? "reader comment" : "article body"]
    ]));
    return card;
  }

  function hiddenNote(box, total, shown) {
    if (total > shown) { box.appendChild(el("p", "note", (total - shown) + " more hidden by the filters.")); }
  }

  function renderEdge(i) {
    var edge = data.edges[i];
    var relation = relations[edge.r];
    var box = $("evidence");
    box.replaceChildren();
    var arrow = relation.symmetric ? " \u2194 " : " \u2192 ";
    box.appendChild(el("h2", null, actorName(edge.f) + arrow + actorName(edge.t)));
    var line = el("p", null, relation.label);
    if (edge.n) { line.appendChild(el("span", "badge negative", "negative")); }
    line.appendChild(el("span", "badge", edge.claims.length === 1 ? "1 claim" : edge.claims.length + " claims"));
    box.appendChild(line);
    var shown = visibleClaims(edge);
    shown.forEach(function (k) { box.appendChild(claimCard(k, relation.symmetric)); });
    hiddenNote(box, edge.claims.length, shown.length);
  }

  function renderActor(i) {
    var node = data.nodes[i];
    var box = $("evidence");
    box.replaceChildren();
    box.appendChild(el("h2", null, node.label));
    var rows = [["Type", (kinds[node.kind] || kinds.Other).label]];
    if (node.aliases.length) { rows.push(["Also called", node.aliases.join("; ")]); }
    rows.push(["Mentions", String(node.mentions)], ["Claims", String(node.claims)]);
    box.appendChild(meta(rows));
    if (node.wikidata && WIKIDATA.test(node.wikidata)) {
      var p = el("p");
      var link = el("a", null, "Wikidata " + node.wikidata.split("/").pop());
      link.href = node.wikidata;
      link.target = "_blank";
      link.rel = "noopener noreferrer external";
      p.appendChild(link);
      box.appendChild(p);
    }
    var own = [];
    data.claims.forEach(function (claim, k) { if (claim.s === i || claim.o === i) { own.push(k); } });
    var shown = own.filter(function (k) { return passes(data.claims[k]); });
    box.appendChild(el("h3", null, shown.length ? "Claims" : "No claim shown"));
    shown.slice(0, LISTED).forEach(function (k) { box.appendChild(claimCard(k, true)); });
    if (shown.length > LISTED) { box.appendChild(el("p", "note", (shown.length - LISTED) + " more not listed.")); }
    hiddenNote(box, own.length, shown.length);
  }

  function renderHelp() {
    var box = $("evidence");
    box.replaceChildren();
    box.appendChild(el("h2", null, "Evidence"));
    [
      "Hover over or click an edge to read the claims behind it: each sentence with the words that " +
        "express the relation highlighted, its document, who asserts it, polarity, confidence and " +
        "whether it is in the article or a reader comment.",
      "Click an actor for its names, type, Wikidata item and claims. Click the background to clear."
    ].forEach(function (text) { box.appendChild(el("p", "note", text)); });
  }

  function show(target) {
    if (target.edge !== undefined) { renderEdge(target.edge); } else { renderActor(target.node); }
  }

  function pin(target) {
    state.pinned = target;
    if (target) { show(target); } else { renderHelp(); }
  }

  network.on("click", function (params) {
    if (params.nodes.length) { pin({ node: params.nodes[0] }); }
    else if (params.edges.length) { pin({ edge: params.edges[0] }); }
    else { pin(null); }
  });
  network.on("hoverEdge", function (params) { if (!state.pinned) { renderEdge(params.edge); } });

  /* ---- search ---- */

  function fold(text) {
    return text.toLocaleLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "").trim();
  }

  /* The best match: the name itself, then an alias, then a name that starts with the words, then
   * one that contains them; among equals, the actor with most claims. */
  function findActor(query) {
    var q = fold(query);
    var best = -1;
    var bestScore = 0;
    if (!q) { return best; }
    data.nodes.forEach(function (node, i) {
      var names = [node.label].concat(node.aliases).map(fold);
      var score = names[0] === q ? 4
        : names.indexOf(q) >= 0 ? 3
        : names.some(function (n) { return n.indexOf(q) === 0; }) ? 2
        : names.some(function (n) { return n.indexOf(q) >= 0; }) ? 1 : 0;
      if (score > bestScore || (score && score === bestScore && node.claims > data.nodes[best].claims)) {
        best = i;
        bestScore = score;
      }
    });
    return best;
  }

  function buildSearch() {
    var list = $("actor-names");
    data.nodes.forEach(function (node) {
      var option = el("option");
      option.value = node.label;
      list.appendChild(option);
    });
    $("search-form").addEventListener("submit", function (event) {
      event.preventDefault();
      var query = $("search").value;
      var found = findActor(query);
      var result = $("search-result");
      if (found < 0) {
        result.textContent = "No actor matches \u201c" + query + "\u201d.";
        return;
      }
      pin({ node: found });
      if (drawn.nodeHidden[found]) {
        result.textContent = data.nodes[found].label + " is hidden by the filters.";
        return;
      }
      result.textContent = "";
      viewTouched = true;
      network.selectNodes([found]);
      network.focus(found, { scale: Math.max(network.getScale(), 1.2), animation: { duration: 400 } });
    });
  }

  buildRelationFilters();
  buildDocumentFilters();
  bindClaimFilters();
  buildSearch();
  renderHelp();
  applyFilters();
  if (moving) { network.once("stabilizationIterationsDone", settled); } else { settled(); }

  /* For scripting the page from the browser console (and for the browser tests). */
  window.actorGraph = {
    network: network,
    showEdge: function (i) { pin({ edge: i }); },
    showActor: function (i) { pin({ node: i }); }
  };
})();
