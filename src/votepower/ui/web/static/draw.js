// votepower's reform explorer: drawing the answers (summary, tile map, key, bars, the diff and
// the table). Every number drawn is one the API sent; this file only places and colours them.
"use strict";

// ---------------------------------------------------------------- drawing
function valueOf(row) {
  // per-citizen power relative to a direct vote (a priori) or to the popular vote (empirical)
  if ("p_decisive" in row) return row.relative_to_popular_vote ?? (row.relative_to_popular_vote_log10 !== null ? 0 : null);
  const key = $("index").value === "banzhaf" ? "citizen_banzhaf" : "citizen_shapley_shubik";
  const v = row[key + "_vs_direct"];
  return v === null || v === undefined ? 0 : v;
}

function colour(v, spread) {
  if (v === null || v === undefined) return OUTSIDE;
  if (v <= 0) return NO_POWER;
  let t = (Math.log(v) / Math.log(spread) + 1) / 2;
  t = Math.min(1, Math.max(0, t));
  const x = t * (RDBU_R.length - 1), i = Math.min(RDBU_R.length - 2, Math.floor(x)), f = x - i;
  const a = hex(RDBU_R[i]), b = hex(RDBU_R[i + 1]);
  return "rgb(" + a.map((c, k) => Math.round(c + f * (b[k] - c))).join(",") + ")";
}
const hex = (h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));

function spreadOf(values) {
  let s = 2;
  for (const v of values) if (v > 0 && isFinite(v)) s = Math.max(s, v, 1 / v);
  return Math.min(s * 1.05, META.colour_saturation);
}

const NS = "http://www.w3.org/2000/svg";
function el(name, attrs, text) {
  const e = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

function fmt(v, digits) {
  if (v === null || v === undefined) return "n/a";
  if (typeof v !== "number") return String(v);
  if (Number.isInteger(v)) return v.toLocaleString("en-US");
  if (v !== 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e6)) return v.toExponential(3);
  return v.toFixed(digits ?? 3);
}

function draw(states, diff) {
  const rows = states.states;
  const byCode = Object.fromEntries(rows.map((r) => [r.state, r]));
  const values = rows.map(valueOf);
  const spread = spreadOf(values);
  const empirical = "model" in states && typeof states.model === "object";
  const title = "process" in states ? `${states.process === "lawmaking" ? "Lawmaking" : "An amendment"}: one citizen's power over the whole process relative to a direct national vote (${$("index").selectedOptions[0].text})` : empirical ? `${states.scheme}: one voter's chance to decide, relative to the national popular vote`
    : `${states.body}: one citizen's power relative to a direct national vote (${$("index").selectedOptions[0].text})`;
  $("map-title").textContent = title;
  drawSummary(states, empirical);
  drawMap(byCode, spread, empirical);
  drawKey(spread, empirical);
  drawBars(rows, spread);
  drawDiff(diff, empirical);
  drawTable(rows);
}

function figure(label, value, note) {
  const d = document.createElement("div");
  d.className = "figure";
  d.innerHTML = "";
  const b = document.createElement("b"); b.textContent = value;
  const s = document.createElement("span"); s.textContent = label + (note ? " — " + note : "");
  d.append(b, s);
  return d;
}

function drawSummary(states, empirical) {
  const box = $("summary");
  box.replaceChildren();
  if ("offices" in states) {
    const key = $("index").value.replace("-", "_");
    for (const o of states.offices) box.append(figure(`${o.office} (${o.count})`, fmt(o[key]), `${$("index").selectedOptions[0].text} index of one holder`));
    return;
  }
  if (empirical) {
    box.append(figure("P(Democrat wins)", fmt(states.win_probability, 3)));
    if (states.inversion_probability !== null)
      box.append(figure("P(inversion)", fmt(states.inversion_probability, 3), "the electoral winner loses the popular vote"));
    box.append(figure("popular vote: one voter decides", "1 in " + Math.round(1 / states.popular_vote_p_decisive).toLocaleString()));
    return;
  }
  const key = $("index").value.replace("-", "_");
  const s = states.summary[key] || {};
  if (s.not_available) { box.append(figure("summary", "n/a", s.not_available)); return; }
  box.append(figure("max / min per citizen", s.ratio_infinite ? "∞" : s.ratio !== null ? fmt(s.ratio, 3) : "10^" + fmt(s.ratio_log10, 1),
    s.all_equal ? "all equal" : `${s.most_powerful} / ${s.least_powerful}`));
  box.append(figure("Gini", fmt(s.gini, 4), "population-weighted"));
  box.append(figure("mean / direct vote", fmt(s.mean_relative_to_direct, 4)));
}

function tooltip(text, evt) {
  let tip = $("tooltip");
  if (!tip) { tip = document.createElement("div"); tip.id = "tooltip"; tip.setAttribute("role", "tooltip"); document.body.append(tip); }
  if (text === null) { tip.hidden = true; return; }
  tip.hidden = false;
  tip.textContent = text;
  const x = evt.clientX ?? 20, y = evt.clientY ?? 20;
  tip.style.left = Math.min(x + 12, window.innerWidth - 220) + "px";
  tip.style.top = y + 12 + "px";
}

function describe(row) {
  const name = META.state_names[row.state] || row.state;
  if ("p_decisive" in row) {
    const p = row.p_decisive !== null ? fmt(row.p_decisive) : "10^" + fmt(row.p_decisive_log10, 1);
    return `${name}: P(one voter decides) ${p}` + (row.one_in !== null ? ` (1 in ${Math.round(row.one_in).toLocaleString()})` : "")
      + `, ${fmt(valueOf(row), 3)} x the popular vote; tipping point ${fmt(row.tipping_point, 4)}`;
  }
  const key = $("index").value === "banzhaf" ? "citizen_banzhaf" : "citizen_shapley_shubik";
  const weight = "weight" in row ? `, weight ${row.weight}` : "";
  return `${name}: ${row.population.toLocaleString()} people${weight}; per citizen ${fmt(row[key])}, ${fmt(row[key + "_vs_direct"], 3)} x a direct vote`;
}

function drawMap(byCode, spread, empirical) {
  const svg = el("svg", { viewBox: "-0.2 -0.2 12.4 8.4", role: "group", "aria-label": "US tile map" });
  for (const [code, [r, c]] of Object.entries(META.tiles)) {
    const row = byCode[code];
    const v = row ? valueOf(row) : null;
    const g = el("g", { class: "tile", tabindex: "0", role: "button",
      "aria-label": row ? describe(row) : `${META.state_names[code] || code}: not in the union (click to add)`,
      "data-state": code });
    const fill = colour(v, spread);
    g.append(el("rect", { x: c, y: r, width: 0.92, height: 0.92, fill: fill, stroke: "#555", "stroke-width": 0.02,
      "stroke-dasharray": row ? "" : "0.06 0.04" }));
    const dark = v !== null && (v <= 0 || Math.abs(Math.log(v)) > 0.7 * Math.log(spread));
    g.append(el("text", { x: c + 0.46, y: r + 0.56, "text-anchor": "middle", "font-size": 0.3,
      fill: row ? (dark ? "#fff" : "#000") : "#999" }, code));
    g.addEventListener("mousemove", (evt) => tooltip(row ? describe(row) : `${code}: not in the union`, evt));
    g.addEventListener("mouseleave", () => tooltip(null));
    if (byState[code] && $("body").value === "electoral-college") {
      g.append(el("text", { x: c + 0.46, y: r + 0.84, "text-anchor": "middle", "font-size": 0.17,
        fill: dark ? "#fff" : "#000" }, { "winner-take-all": "WTA", district: "district", proportional: "prop." }[byState[code]]));
    }
    g.addEventListener("click", () => clickState(code));
    g.addEventListener("keydown", (evt) => { if (evt.key === "Enter" || evt.key === " ") { evt.preventDefault(); clickState(code); } });
    svg.append(g);
  }
  $("map").replaceChildren(svg);
}

function clickState(code) {
  const mode = $("click-mode").value;
  if ($("body").value !== "electoral-college" || mode === "member") { toggleMember(code); return; }
  if (code === "PR" && !$("pr").checked) return;
  if (mode) byState[code] = mode; else delete byState[code];
  preset = "";
  $("preset").value = "";
  schedule();
}

function toggleMember(code) {
  if (!lastStates) return;
  if (code === "PR" || (code === "DC" && $("body").value === "senate")) return;
  if (!members) members = new Set(lastStates.states.map((r) => r.state).filter((c) => c !== "PR"));
  if (members.has(code)) members.delete(code); else members.add(code);
  $("won-by").value = "";
  schedule();
}

function drawKey(spread, empirical) {
  const svg = el("svg", { viewBox: "0 0 300 46", role: "img",
    "aria-label": `Colour key: blue less, red more power than ${empirical ? "the popular vote" : "a direct vote"}, from 1/${spread.toFixed(1)} to ${spread.toFixed(1)} times` });
  const defs = el("defs");
  const grad = el("linearGradient", { id: "scale" });
  RDBU_R.forEach((c, i) => grad.append(el("stop", { offset: `${(100 * i) / (RDBU_R.length - 1)}%`, "stop-color": c })));
  defs.append(grad);
  svg.append(defs, el("rect", { x: 10, y: 4, width: 280, height: 14, fill: "url(#scale)", stroke: "#555", "stroke-width": 0.5 }));
  for (const [t, anchor] of [[1 / spread, "start"], [1, "middle"], [spread, "end"]]) {
    const x = 10 + 280 * (Math.log(t) / Math.log(spread) + 1) / 2;
    svg.append(el("text", { x: x, y: 32, "text-anchor": anchor, "font-size": 10 },
      t === 1 ? "1" : t < 1 ? "1/" + spread.toFixed(1) : spread.toFixed(1)));
  }
  svg.append(el("text", { x: 150, y: 44, "text-anchor": "middle", "font-size": 9 },
    empirical ? "x the national popular vote (per voter)" : "x a direct national vote (per citizen)"));
  $("key").replaceChildren(svg);
}

function drawBars(rows, spread) {
  const sorted = [...rows].sort((a, b) => valueOf(b) - valueOf(a));
  const h = 12, width = 300, max = Math.max(...sorted.map(valueOf), 1);
  const svg = el("svg", { viewBox: `0 0 ${width} ${sorted.length * h + 10}`, role: "img", "aria-label": "States sorted by per-citizen power" });
  sorted.forEach((row, i) => {
    const v = valueOf(row);
    svg.append(el("text", { x: 0, y: i * h + 9, "font-size": 8 }, row.state));
    svg.append(el("rect", { x: 22, y: i * h + 1, width: Math.max(0.5, (width - 70) * v / max), height: h - 3, fill: colour(v, spread) }));
    svg.append(el("text", { x: 24 + (width - 70) * v / max, y: i * h + 9, "font-size": 8 }, fmt(v, 3)));
  });
  $("bars").replaceChildren(svg);
}

function drawDiff(diff, empirical) {
  const box = $("diff");
  box.replaceChildren();
  const h = document.createElement("h3");
  if (!diff) {
    h.textContent = empirical ? "The difference from the current constitution is drawn under the a-priori model." : "";
    if ($("body").value === "process") h.textContent = "";
    box.append(h);
    return;
  }
  h.textContent = `Against ${diff.scheme_a}: per-citizen power, reform / today`;
  box.append(h, tableOf(diff.states, ["state", "relative_a", "relative_b", "ratio", "rank_change"],
    { relative_a: "today x direct", relative_b: "reform x direct", ratio: "reform / today", rank_change: "rank change" }));
}

function drawTable(rows) {
  const keys = Object.keys(rows[0]).filter((k) => rows.every((r) => r[k] === null || typeof r[k] !== "object"));
  const h = document.createElement("h3");
  h.textContent = "Every state";
  $("table-view").replaceChildren(h, tableOf(rows, keys, {}));
}

function tableOf(rows, keys, labels) {
  const table = document.createElement("table");
  const head = table.createTHead().insertRow();
  let order = { key: null, down: true };
  const body = table.createTBody();
  const fill = (list) => {
    body.replaceChildren();
    for (const row of list) {
      const tr = body.insertRow();
      for (const k of keys) tr.insertCell().textContent = typeof row[k] === "number" ? fmt(row[k], 4) : row[k] ?? "";
    }
  };
  for (const k of keys) {
    const th = document.createElement("th");
    th.scope = "col";
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = labels[k] || k;
    button.addEventListener("click", () => {
      order = { key: k, down: order.key === k ? !order.down : true };
      const sorted = [...rows].sort((a, b) => {
        const x = a[k], y = b[k];
        if (x === y) return 0;
        if (x === null || x === undefined) return 1;
        if (y === null || y === undefined) return -1;
        return (typeof x === "string" ? x.localeCompare(y) : y - x) * (order.down ? 1 : -1);
      });
      head.querySelectorAll("th").forEach((t) => t.removeAttribute("aria-sort"));
      th.setAttribute("aria-sort", order.down ? "descending" : "ascending");
      fill(sorted);
    });
    th.append(button);
    head.append(th);
  }
  fill(rows);
  return table;
}
