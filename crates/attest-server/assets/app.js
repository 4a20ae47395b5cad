// attest web UI: the reader's details panel, and the timeline and network charts.
// Record text is only ever set with textContent, never parsed as HTML.
"use strict";

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  for (const child of children) {
    if (child == null) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

function rows(pairs) {
  const dl = el("dl");
  for (const [label, value] of pairs) {
    if (value == null || value === "" || (Array.isArray(value) && value.length === 0)) continue;
    dl.append(el("dt", {}, label), el("dd", {}, Array.isArray(value) ? value.join(" → ") : value));
  }
  return dl;
}

function readerPanel() {
  const source = document.getElementById("records");
  const panel = document.getElementById("details");
  if (!source || !panel) return;
  const records = JSON.parse(source.textContent);
  const ids = (node, key) => (node.dataset[key] || "").split(" ").filter(Boolean);

  function attributionCard(id) {
    const a = records.attributions[id];
    if (!a) return null;
    return el("div", { class: "record quote s" + a.colour, "data-record": id },
      el("div", { class: "label" }, "Quotation · " + a.kind),
      el("blockquote", {}, a.content),
      rows([["Speaker", a.speaker || "unresolved"], ["Role", a.role], ["Via", a.via],
            ["Cue", a.cue], ["Cites", a.cites],
            ["Rejects", rejected(a.disputes)]]));
  }
  // "The Washington Post (6 statements), classified Pentagon documents (2 statements)"
  function rejected(ids) {
    const counts = new Map();
    for (const id of ids) {
      const who = (records.attributions[id] || {}).speaker || "an unnamed source";
      counts.set(who, (counts.get(who) || 0) + 1);
    }
    return [...counts].map(([who, n]) => who + " (" + n + (n === 1 ? " statement)" : " statements)")).join(", ");
  }
  function eventCard(id) {
    const e = records.events[id];
    if (!e) return null;
    return el("div", { class: "record event", "data-record": id },
      el("div", { class: "label" }, "Event"),
      el("p", {}, el("strong", {}, e.source), " → ", e.target || "—"),
      rows([["CAMEO", e.cameo + " " + e.cameo_name], ["PLOVER", [e.plover, e.plover_mode].filter(Boolean).join(" / ")],
            ["Modality", e.modality], ["Date", e.date], ["Place", e.place],
            ["Goldstein", e.goldstein], ["According to", e.according_to]]));
  }
  function entityCard(id) {
    const n = records.entities[id];
    if (!n) return null;
    const link = el("a", { href: "/actors?q=" + encodeURIComponent(n.name) }, n.name);
    return el("div", { class: "record entity", "data-record": id },
      el("div", { class: "label" }, "Entity · " + n.kind),
      el("p", {}, el("strong", {}, link)),
      rows([["Code", n.code], ["Role", n.role], ["Affiliation", n.affiliation]]));
  }
  function show(node) {
    const cards = [
      ...ids(node, "a").slice().reverse().map(attributionCard),
      ...ids(node, "v").map(eventCard),
      ...ids(node, "e").map(entityCard),
    ].filter(Boolean);
    if (cards.length === 0) return;
    panel.replaceChildren(el("h2", {}, "Details"), ...cards);
    document.querySelectorAll(".hl.active").forEach((n) => n.classList.remove("active"));
    const innermost = ids(node, "a").slice(-1)[0];
    if (innermost) {
      document.querySelectorAll(".hl").forEach((n) => {
        if (ids(n, "a").includes(innermost)) n.classList.add("active");
      });
    }
  }
  for (const node of document.querySelectorAll(".hl")) {
    node.addEventListener("mouseenter", () => show(node));
    node.addEventListener("focus", () => show(node));
    node.addEventListener("click", () => show(node));
  }
  for (const item of document.querySelectorAll(".statements li[data-a], .events li[data-v]")) {
    item.addEventListener("click", () => {
      const key = item.dataset.a ? "a" : "v";
      const id = item.dataset[key];
      const target = [...document.querySelectorAll(".hl")].find((n) => ids(n, key).includes(id));
      if (target) {
        target.scrollIntoView({ block: "center", behavior: "smooth" });
        show(key === "a" ? item : target);
      }
    });
  }
}

const PALETTE = ["#2456a6", "#c2456b", "#2f8f5b", "#d08b0b", "#6a55c4", "#23869a", "#a8642a", "#6f8a16",
  "#9b1c1c", "#4b5563", "#0e7490", "#7c3aed", "#b45309", "#be185d", "#15803d", "#1d4ed8", "#64748b"];

function timelineChart(points) {
  const canvas = document.getElementById("timeline");
  if (!canvas || typeof Chart === "undefined") return;
  const months = [...new Set(points.map((p) => p.month))].sort();
  const kinds = [...new Set(points.map((p) => p.kind))].sort();
  const datasets = kinds.map((kind, i) => ({
    label: kind,
    backgroundColor: PALETTE[i % PALETTE.length],
    maxBarThickness: 56,
    data: months.map((m) => points.filter((p) => p.month === m && p.kind === kind).reduce((n, p) => n + p.count, 0)),
  }));
  new Chart(canvas, {
    type: "bar",
    data: { labels: months, datasets },
    options: {
      maintainAspectRatio: false, animation: false,
      scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
      plugins: { legend: { position: "bottom", labels: { boxWidth: 12 } } },
    },
  });
}

function networkChart(links) {
  const container = document.getElementById("network");
  if (!container || typeof cytoscape === "undefined") return;
  const nodes = new Map();
  for (const l of links) {
    nodes.set(l.source, l.source_name);
    nodes.set(l.target, l.target_name);
  }
  const max = Math.max(1, ...links.map((l) => l.events));
  const cy = cytoscape({
    container,
    maxZoom: 1.5,
    minZoom: 0.2,
    elements: [
      ...[...nodes].map(([id, name]) => ({ data: { id: String(id), label: name } })),
      ...links.map((l, i) => ({ data: { id: "l" + i, source: String(l.source), target: String(l.target),
        label: l.kind, width: 1 + (4 * l.events) / max } })),
    ],
    style: [
      { selector: "node", style: { label: "data(label)", "font-size": 10, "background-color": "#2456a6",
        width: 14, height: 14, color: "#1d232b", "text-valign": "bottom", "text-margin-y": 3 } },
      { selector: "edge", style: { width: "data(width)", "line-color": "#b7c3d3", "target-arrow-color": "#b7c3d3",
        "target-arrow-shape": "triangle", "curve-style": "bezier", label: "data(label)", "font-size": 8, color: "#5f6b7a" } },
    ],
    layout: { name: "cose", animate: false, padding: 20 },
  });
  cy.on("tap", "node", (event) => { window.location.href = "/actors/" + event.target.id(); });
}

function charts() {
  const source = document.getElementById("charts");
  if (!source) return;
  const data = JSON.parse(source.textContent);
  if (data.timeline) timelineChart(data.timeline);
  if (data.links) networkChart(data.links);
}

document.addEventListener("DOMContentLoaded", () => { readerPanel(); charts(); });
