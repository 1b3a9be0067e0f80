// votepower's reform explorer: "Which reform?", the search over the law's knobs. The form
// becomes a `votepower reforms` request (the same query as `votepower reforms ... --link`);
// the API answers with the command line's JSON, drawn here as the frontier and its table. A
// frontier point opens in the explorer as the scenario the answer gives it (the knobs set to
// it).
"use strict";

const R_METHODS_ON = ["huntington-hill", "adams", "webster"];
const R_RULES = ["winner-take-all", "district", "proportional"];
const R_SENATE = ["equal", "population", "square-root"];
const R_STATEHOOD = [["none", "no new state"], ["dc", "DC"], ["pr", "Puerto Rico"], ["dc+pr", "both"]];
let lastSearch = null;

function checkboxes(box, name, items, on) {
  for (const [value, text] of items) {
    const label = document.createElement("label");
    const input = document.createElement("input");
    input.type = "checkbox"; input.name = name; input.value = value; input.checked = on.includes(value);
    label.append(input, " " + text);
    box.append(label);
  }
}
const checked = (name) => [...document.querySelectorAll(`input[name="${name}"]:checked`)].map((i) => i.value);
function setChecked(name, values) {
  document.querySelectorAll(`input[name="${name}"]`).forEach((i) => { i.checked = values.includes(i.value); });
}

// ---------------------------------------------------------------- the request
// the search's options as the command line takes them (today's value of a knob left out)
function searchOptions() {
  const o = {};
  const body = $("r-body").value;
  if (body === "senate") {
    o.body = "senate";
    const seats = checked("r-senate-seats");
    const tiers = $("r-tiers").value.split(",").map((t) => t.trim()).filter(Boolean).map((t) => "tiers:" + t);
    const all = [...seats, ...tiers].join(",");
    if (all !== "equal") o.senate_seats = all;
    if ($("r-senate-sizes").value.trim()) o.senate_sizes = $("r-senate-sizes").value.trim();
  } else {
    if (body === "house") o.body = "house";
    const sizes = $("r-house-sizes").value.trim();
    if (sizes !== "435") o.house_sizes = sizes;
    const methods = checked("r-methods").join(",");
    if (methods !== "huntington-hill") o.methods = methods;
  }
  if (body === "electoral-college") {
    const per = $("r-senatorial").value.trim();
    if (per !== "2") o.senatorial_electors = per;
    const rules = checked("r-rules").join(",");
    if (rules !== "winner-take-all") o.elector_rules = rules;
    if ($("r-switch").value) o.switch = $("r-switch").value;
  }
  const statehood = checked("r-statehood").join(",");
  if (statehood !== "none") o.statehood = statehood;
  if ($("r-objective").value !== "ratio") o.objective = $("r-objective").value;
  const cost = $("r-cost").value.trim();
  if (cost && cost !== "seats") o.cost = cost;
  if ($("r-target").value !== "") o.target = Number($("r-target").value);
  return o;
}

function searchQuery() {
  const p = [["cmd", "reforms"]];
  for (const [k, v] of Object.entries(searchOptions())) p.push(["o." + k, JSON.stringify(v)]);
  if ($("r-census").value !== "2020") p.push(["census", $("r-census").value]);
  if ($("r-model").value === "empirical") p.push(["model", "empirical"]);
  else p.push(["index", $("r-index").value]);
  return new URLSearchParams(p).toString().replace(/%2C/g, ",");
}

// the same question on the command line
function searchCommand() {
  const words = ["votepower reforms"];
  for (const [k, v] of Object.entries(searchOptions())) words.push(`--${k.replace(/_/g, "-")} ${/^[\w.,:+=/-]+$/.test(String(v)) ? v : JSON.stringify(String(v))}`);
  if ($("r-census").value !== "2020") words.push(`--census ${$("r-census").value}`);
  if ($("r-model").value === "empirical") words.push("--model empirical");
  else if ($("r-index").value !== "banzhaf") words.push(`--index ${$("r-index").value}`);
  return words.join(" ");
}

// a share link of the search: the form set from it
function applySearchQuery(text) {
  const q = new URLSearchParams(text);
  const o = (k, d) => (q.get("o." + k) === null ? d : JSON.parse(q.get("o." + k)));
  $("r-body").value = o("body", "electoral-college");
  $("r-house-sizes").value = o("house_sizes", "435");
  setChecked("r-methods", o("methods", "huntington-hill").split(","));
  $("r-senatorial").value = o("senatorial_electors", "2");
  setChecked("r-rules", o("elector_rules", "winner-take-all").split(","));
  $("r-switch").value = o("switch", "");
  const seats = o("senate_seats", "equal").split(",");
  setChecked("r-senate-seats", seats);
  $("r-tiers").value = seats.filter((s) => s.startsWith("tiers:")).map((s) => s.slice(6)).join(", ");
  $("r-senate-sizes").value = o("senate_sizes", "");
  setChecked("r-statehood", o("statehood", "none").split(","));
  $("r-model").value = q.get("model") || "apriori";
  fillObjectives();
  $("r-objective").value = o("objective", "ratio");
  $("r-cost").value = o("cost", "seats");
  $("r-target").value = o("target", "");
  if (q.get("index")) $("r-index").value = q.get("index");
  if (q.get("census")) $("r-census").value = q.get("census");
  showSearchKnobs();
}

function fillObjectives() {
  const empirical = $("r-model").value === "empirical";
  const before = $("r-objective").value || "ratio";
  $("r-objective").replaceChildren();
  options($("r-objective"), META.objectives.filter((x) => (empirical ? x.empirical : x.apriori)).map((x) => [x.id, `${x.id}: ${x.description}`]));
  $("r-objective").value = [...$("r-objective").options].some((x) => x.value === before) ? before : "ratio";
}

function showSearchKnobs() {
  const body = $("r-body").value;
  document.querySelectorAll(".r-ec").forEach((e) => { e.hidden = body !== "electoral-college"; });
  document.querySelectorAll(".r-house").forEach((e) => { e.hidden = body === "senate"; });
  document.querySelectorAll(".r-senate").forEach((e) => { e.hidden = body !== "senate"; });
  // the empirical model is the presidential election's: the College only
  if (body !== "electoral-college" && $("r-model").value !== "apriori") { $("r-model").value = "apriori"; fillObjectives(); }
  $("r-model").disabled = body !== "electoral-college";
  $("r-index").disabled = $("r-model").value === "empirical";
  $("r-cli").textContent = searchCommand();
}

// ---------------------------------------------------------------- searching
async function runSearch(evt) {
  if (evt) evt.preventDefault();
  window.__votepowerBusy = true;
  const query = searchQuery();
  history.replaceState(null, "", "?" + query);
  $("r-cli").textContent = searchCommand();
  $("r-status").textContent = "Searching…";
  $("r-error").hidden = true;
  try {
    const data = await getJSON("/api/reforms?" + query);
    lastSearch = data;
    drawSearch(data);
    $("r-status").textContent = "";
  } catch (err) {
    $("r-status").textContent = "";
    $("r-error").textContent = err.message;
    $("r-error").hidden = false;
  }
  window.__votepowerBusy = false;
}

const BODY_NAMES = { "electoral-college": "College", senate: "Senate", house: "House" };

function drawSearch(data) {
  const name = BODY_NAMES[data.body];
  const n = data.frontier.length;
  const lines = [`${n} reform${n === 1 ? "" : "s"} on the frontier of ${data.evaluated.toLocaleString("en-US")} evaluated. Today's ${name}: ${fmt(data.today.objective, 4)}.`];
  if (data.chosen) lines.push(`${data.target === null ? "Best" : "Cheapest reaching the target"}: ${describeReform(data.chosen, data.body)}, ${data.objective.id} ${fmt(data.chosen.objective, 4)} at cost ${fmt(data.chosen.cost)}.`);
  else if (data.why_none) lines.push(`None chosen: ${data.why_none}.`);
  lines.push(`Search: ${data.search}.`);
  if (data.not_evaluated.length) lines.push(`${data.not_evaluated.length} not evaluated (e.g. ${data.not_evaluated[0].error}).`);
  $("r-summary").textContent = lines.join(" ");
  drawFrontier(data);
  drawFrontierTable(data);
}

function describeReform(r, body) {
  if (body === "senate") {
    const seats = r.senate_tiers.length ? "tiers at " + r.senate_tiers.map((t) => t.toLocaleString("en-US")).join(", ") : r.senate_seats + " seats";
    return `${seats}, ${r.senate_size} in all${newStates(r)}`;
  }
  const size = typeof r.house_size === "number" ? `${r.house_size}` : `${r.house_size} (${r.house_seats})`;
  const parts = [`House of ${size} (${r.method})`];
  if (body === "house") return parts[0] + newStates(r);
  if (r.senatorial_electors !== 2) parts.push(`${r.senatorial_electors} senatorial electors`);
  if (r.elector_rule !== "winner-take-all") parts.push(`${r.elector_rule} electors`);
  const own = Object.entries(r.by_state).map(([c, x]) => `${c} ${x}`);
  if (own.length) parts.push(own.join(", "));
  return parts.join(", ") + newStates(r);
}
function newStates(r) {
  const add = [["DC", r.dc_statehood], ["PR", r.pr_statehood]].filter(([, on]) => on).map(([c]) => c);
  return add.length ? `, ${add.join(" and ")} a state` : "";
}

// objective against cost: every reform (grey), the frontier (red steps), today (blue square),
// the chosen reform (black star), the target (dashed)
function drawFrontier(data) {
  // drawn at the width it is shown at (a phone's text as legible as a desktop's)
  const W = Math.max(320, Math.min(720, $("frontier-plot").clientWidth || 720));
  const H = Math.round(W / 2), L = 64, R = 16, T = 14, B = 44;
  const all = data.evaluated_reforms || data.frontier;
  const pts = [...all, ...data.frontier, data.today].filter((p) => isFinite(p.objective));
  const xs = pts.map((p) => p.cost), ys = pts.map((p) => p.objective);
  if (data.target !== null) ys.push(data.target);
  const c0 = Math.min(...xs), c1 = Math.max(...xs, c0 + 1), xpad = (c1 - c0) * 0.03;
  const x0 = c0 - xpad, x1 = c1 + xpad;
  let y0 = Math.min(...ys), y1 = Math.max(...ys);
  const log = y0 > 0 && y1 / y0 > 20;
  const fy = log ? Math.log10 : (v) => v;
  if (y1 === y0) { y0 -= 0.5; y1 += 0.5; }
  const pad = (fy(y1) - fy(y0)) * 0.06;
  const lo = fy(y0) - pad, hi = fy(y1) + pad;
  const sx = (v) => L + (v - x0) / (x1 - x0) * (W - L - R);
  const sy = (v) => T + (hi - fy(v)) / (hi - lo) * (H - T - B);
  const svg = el("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": `${data.objective.id} against cost` });
  svg.append(el("rect", { x: L, y: T, width: W - L - R, height: H - T - B, fill: "#fff", stroke: "#ccc" }));
  for (const xv of niceTicks(c0, c1)) {
    svg.append(el("text", { x: sx(xv), y: H - B + 16, "text-anchor": "middle", "font-size": 11 }, String(+xv.toPrecision(6))));
  }
  const yTicks = log ? niceTicks(lo, hi).map((v) => 10 ** v) : niceTicks(lo, hi);
  for (const yv of yTicks) {
    svg.append(el("text", { x: L - 6, y: sy(yv) + 4, "text-anchor": "end", "font-size": 11 }, log ? yv.toPrecision(2) : String(+yv.toPrecision(6))));
    svg.append(el("line", { x1: L, x2: L + 4, y1: sy(yv), y2: sy(yv), stroke: "#999" }));
  }
  const weights = Object.entries(data.cost.weights).map(([k, w]) => (w === 1 ? k : `${k} x ${w}`)).join(" + ");
  svg.append(el("text", { x: (L + W - R) / 2, y: H - 6, "text-anchor": "middle", "font-size": 12 }, `cost of change (${weights})`));
  svg.append(el("text", { x: 14, y: (T + H - B) / 2, "text-anchor": "middle", "font-size": 12, transform: `rotate(-90 14 ${(T + H - B) / 2})` },
    `${data.objective.id}${log ? " (log scale)" : ""}, ${data.objective.lower_is_better ? "lower" : "higher"} is better`));
  if (data.target !== null) svg.append(el("line", { x1: L, x2: W - R, y1: sy(data.target), y2: sy(data.target), stroke: "#555", "stroke-dasharray": "5 4" }));
  const dot = (p, attrs, label) => {
    const c = el("circle", { cx: sx(p.cost), cy: sy(p.objective), ...attrs });
    c.append(el("title", {}, `${label}${describeReform(p, data.body)}: ${data.objective.id} ${fmt(p.objective, 4)}, cost ${fmt(p.cost)}`));
    svg.append(c);
  };
  for (const p of all) if (isFinite(p.objective)) dot(p, { r: 2, fill: "#bbb" }, "");
  const front = data.frontier.filter((p) => isFinite(p.objective));
  if (front.length) {
    let path = `M${sx(front[0].cost)},${sy(front[0].objective)}`;
    for (const p of front.slice(1)) path += ` H${sx(p.cost)} V${sy(p.objective)}`;
    svg.append(el("path", { d: path, fill: "none", stroke: "#b2182b", "stroke-width": 1.2 }));
  }
  front.forEach((p) => dot(p, { r: 4, fill: "#b2182b", class: "frontier-point" }, "frontier: "));
  const t = data.today;
  const sq = el("rect", { x: sx(t.cost) - 5, y: sy(t.objective) - 5, width: 10, height: 10, fill: "#2166ac" });
  sq.append(el("title", {}, `today's ${BODY_NAMES[data.body]}: ${fmt(t.objective, 4)}`));
  svg.append(sq);
  if (data.chosen && isFinite(data.chosen.objective)) {
    const cx = sx(data.chosen.cost), cy = sy(data.chosen.objective);
    const star = Array.from({ length: 10 }, (_, k) => {
      const r = k % 2 ? 4 : 10, a = Math.PI / 5 * k - Math.PI / 2;
      return `${cx + r * Math.cos(a)},${cy + r * Math.sin(a)}`;
    }).join(" ");
    const s = el("polygon", { points: star, fill: "#111" });
    s.append(el("title", {}, `chosen: ${describeReform(data.chosen, data.body)}`));
    svg.append(s);
  }
  $("frontier-plot").replaceChildren(svg);
}

// about five round values (steps of 1, 2 or 5 times a power of ten) from lo to hi
function niceTicks(lo, hi) {
  const raw = (hi - lo) / 5 || 1, mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((v) => v >= raw);
  const out = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(+v.toPrecision(12));
  return out;
}

function drawFrontierTable(data) {
  const table = document.createElement("table");
  table.id = "frontier-rows";
  const head = table.createTHead().insertRow();
  for (const h of ["reform", data.objective.id, "cost", ""]) {
    const th = document.createElement("th"); th.scope = "col"; th.textContent = h; head.append(th);
  }
  const body = table.createTBody();
  for (const r of data.frontier) {
    const tr = body.insertRow();
    if (data.chosen && same(r, data.chosen)) tr.className = "chosen";
    tr.insertCell().textContent = describeReform(r, data.body);
    tr.insertCell().textContent = fmt(r.objective, 4);
    tr.insertCell().textContent = fmt(r.cost);
    const button = document.createElement("button");
    button.type = "button"; button.textContent = "Open in the explorer"; button.className = "open-reform";
    button.addEventListener("click", () => openReform(r, data));
    tr.insertCell().append(button);
  }
  $("frontier-table").replaceChildren(table);
}

function openReform(r, data) {
  // the reform's scenario as the answer gives it (what `votepower reforms --save` writes)
  const p = [["cmd", "compare"], ["schemes", META.current[data.body]], ["scen", b64([{ source: SOURCE, ...r.scenario }])]];
  if (data.census !== 2020) p.push(["census", String(data.census)]);
  if (data.index === "empirical") p.push(["model", "empirical"]);
  else p.push(["index", data.index]);
  applyQuery(new URLSearchParams(p).toString());
  mode("reform");
  schedule();
}

function startSearch() {
  checkboxes($("r-methods"), "r-methods", META.methods.map((m) => [m.id, m.id]), R_METHODS_ON);
  checkboxes($("r-rules"), "r-rules", R_RULES.map((x) => [x, x]), ["winner-take-all"]);
  checkboxes($("r-senate-seats"), "r-senate-seats", R_SENATE.map((x) => [x, x]), ["equal", "square-root"]);
  checkboxes($("r-statehood"), "r-statehood", R_STATEHOOD, ["none"]);
  options($("r-census"), META.censuses.map((c) => [String(c), String(c)]));
  $("r-census").value = "2020";
  $("r-limit").textContent = META.limits.reforms.toLocaleString("en-US");
  fillObjectives();
  showSearchKnobs();
  $("search-form").addEventListener("submit", runSearch);
  $("search-form").addEventListener("change", (evt) => {
    if (evt.target.id === "r-model") fillObjectives();
    showSearchKnobs();
  });
  $("search-form").addEventListener("input", () => { $("r-cli").textContent = searchCommand(); });
}
