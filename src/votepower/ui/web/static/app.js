// votepower's reform explorer. The page turns its knobs into a request (the same query string
// as `votepower compare ... --link`), asks the API, and draws what it answers: every number
// shown comes from Python; this file only encodes, fetches and draws.
"use strict";

const $ = (id) => document.getElementById(id);
// ColorBrewer RdBu, reversed (blue: less power than a direct vote, red: more), as the plots
const RDBU_R = ["#053061", "#2166ac", "#4393c3", "#92c5de", "#d1e5f0", "#f7f7f7",
  "#fddbc7", "#f4a582", "#d6604d", "#b2182b", "#67001f"];
const NO_POWER = "#111111", OUTSIDE = "#ffffff";
const SOURCE = "reform.toml";

// a static copy (votepower site DIR): answers written in advance, no API behind the page
const STATIC = !!document.querySelector('meta[name="votepower-static"]');
const NEEDS_SERVER = "this setting needs a computation: run `votepower serve` (this static copy "
  + "holds the built-in schemes, every census and both indices, under the a-priori model)";
let META = null;
let preset = "ec-current";      // a built-in scheme while no knob has moved, else ""
let members = null;             // the states clicked into the union (null: every state)
let lastStates = null;          // the last states answer
let extras = {};                // what an opened scenario sets that no knob shows (kept as is)
let byState = {};               // states with their own electors' rule (clicked on the map)
let timer = null;
let generation = 0;

// ---------------------------------------------------------------- encoding
function b64(obj) {
  const bytes = new TextEncoder().encode(JSON.stringify(obj));
  let text = "";
  bytes.forEach((b) => { text += String.fromCharCode(b); });
  return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
function unb64(text) {
  const raw = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(raw, (c) => c.charCodeAt(0))));
}

function scenario() {
  const body = $("body").value;
  const s = { name: "Reform (explorer)", body: body };
  if (body !== "senate") {
    const house = {};
    const kind = $("house-size-kind").value;
    if (kind === "number") house.size = Number($("house-size").value);
    else if (kind !== "435") house.size = kind;
    if ($("method").value !== "huntington-hill") house.method = $("method").value;
    if (Object.keys(house).length) s.house = house;
  }
  if (body === "electoral-college") {
    const e = {};
    const per = Number($("per-state").value);
    if (per !== 2) e.per_state = per;
    const rule = $("elector-rule").value;
    if (rule !== "winner-take-all") e.rule = rule;
    if (!$("split-states").checked) e.split_states = false;
    if (Object.keys(byState).length) e.by_state = { ...byState };
    if (Object.keys(e).length) s.electors = e;
  }
  if (body === "senate") {
    const sen = {};
    if ($("senate-seats").value !== "equal") sen.seats = $("senate-seats").value;
    if ($("senate-quota").value) sen.quota = $("senate-quota").value;
    if (Object.keys(sen).length) s.senate = sen;
  }
  const add = [];
  if ($("dc").checked) add.push("DC");
  if ($("pr").checked) add.push("PR");
  if (add.length) s.members = { add: add };
  return merge(s, extras);
}

// ``extra`` laid over ``base``, table by table
function merge(base, extra) {
  const out = { ...base };
  for (const [k, v] of Object.entries(extra)) {
    out[k] = v && typeof v === "object" && !Array.isArray(v) && typeof out[k] === "object" ? merge(out[k], v) : v;
  }
  return out;
}

// the parts of scenario ``s`` that the knobs do not show
function leftover(s) {
  const known = {
    house: ["method", "size"], electors: ["per_state", "rule", "split_states", "by_state"],
    senate: ["seats", "quota"], members: ["add"],
  };
  const out = {};
  for (const [k, v] of Object.entries(s)) {
    if (["body", "census", "population", "source"].includes(k)) continue;
    if (k in known) {
      const rest = Object.fromEntries(Object.entries(v).filter(([kk]) => !known[k].includes(kk)));
      // a value no knob offers (population tiers, a fixed-ratio House) is kept as it is
      if (k === "senate" && v.seats && !offers("senate-seats", v.seats)) rest.seats = v.seats;
      if (k === "house" && typeof v.size === "string" && !offers("house-size-kind", v.size)) rest.size = v.size;
      if (k === "members" && (v.add || []).some((c) => c !== "DC" && c !== "PR")) rest.add = v.add;
      if (Object.keys(rest).length) out[k] = rest;
    } else out[k] = v;
  }
  return out;
}

const offers = (id, value) => [...$(id).options].some((o) => o.value === value);

function commonPairs() {
  const p = [];
  if ($("census").value !== "2020") p.push(["census", $("census").value]);
  if ($("population").value) p.push(["pop", $("population").value]);
  if ($("won-by").value) p.push(["wonby", $("won-by").value]);
  else if (members) p.push(["states", [...members].sort().join(",")]);
  if ($("model").value === "empirical") {
    p.push(["model", "empirical"]);
    if ($("election").value && !$("lean").value) p.push(["elections", $("election").value]);
    if ($("nsd").value !== "") p.push(["nsd", String(Number($("nsd").value))]);
    if ($("ssd").value !== "") p.push(["ssd", String(Number($("ssd").value))]);
    if ($("shift").value !== "") p.push(["shift", String(Number($("shift").value))]);
    if ($("lean").value) p.push(["lean", $("lean").value]);
  } else {
    p.push(["index", $("index").value]);
  }
  return p;
}

// a compound process: its own command, its knobs as the command's options
function processPairs() {
  const o = { kind: $("process-kind").value };
  if (o.kind === "lawmaking" && $("filibuster").checked) o.filibuster = true;
  if (o.kind === "lawmaking" && $("vp-tiebreak").checked) o.vp_tiebreak = true;
  if ($("dc").checked) o.dc_statehood = true;
  if ($("pr").checked) o.pr_statehood = true;
  if ($("method").value !== "huntington-hill") o.house_method = $("method").value;
  const kind = $("house-size-kind").value;
  if (kind === "number") o.house_size = String(Number($("house-size").value));
  else if (kind !== "435") o.house_size = kind;
  return Object.entries(o).map(([k, v]) => ["o." + k, JSON.stringify(v)]);
}

function query(cmd) {
  if ($("body").value === "process") {
    const pairs = [["cmd", "process"], ...processPairs(), ...commonPairs().filter(([k]) => !["model", "elections", "nsd", "ssd"].includes(k))];
    return new URLSearchParams(pairs).toString().replace(/%2C/g, ",");
  }
  const p = [["cmd", cmd]];
  const empirical = $("model").value === "empirical";
  const base = META.current[$("body").value] || "ec-current";
  if (cmd === "states") {
    if (preset) p.push(["schemes", preset]);
    else p.push(["scen", b64([{ source: SOURCE, ...scenario() }])]);
  } else if (cmd === "diff") {
    p.push(["schemes", base + "," + (preset || SOURCE)]);
    if (!preset) p.push(["scen", b64([{ source: SOURCE, ...scenario() }])]);
  } else {  // compare: the share link
    p.push(["schemes", preset && preset !== base ? base + "," + preset : base]);
    if (!preset) p.push(["scen", b64([{ source: SOURCE, ...scenario() }])]);
  }
  const pairs = commonPairs().filter(([k]) => !(empirical && cmd === "diff" && k !== "index"));
  return new URLSearchParams([...p, ...pairs]).toString().replace(/%2C/g, ",");
}

// ---------------------------------------------------------------- applying a link
function applyQuery(text) {
  const q = new URLSearchParams(text);
  if (q.get("cmd") === "process") { applyProcess(q); return; }
  preset = "";
  members = null;
  extras = {};
  byState = {};
  showExtras();
  if (q.get("census")) $("census").value = q.get("census");
  $("population").value = q.get("pop") || "";
  $("won-by").value = q.get("wonby") || "";
  if (q.get("states")) members = new Set(q.get("states").split(","));
  $("model").value = q.get("model") || "apriori";
  $("election").value = q.get("elections") ? q.get("elections").split(",")[0] : "";
  $("nsd").value = q.get("nsd") || "";
  $("ssd").value = q.get("ssd") || "";
  $("shift").value = q.get("shift") || "";
  $("lean").value = q.get("lean") || "";
  if (q.get("index") && q.get("index") !== "all") $("index").value = q.get("index");
  const scen = q.get("scen") ? unb64(q.get("scen")) : [];
  if (scen.length) setKnobs(scen[0]);
  else {
    const schemes = (q.get("schemes") || "ec-current").split(",");
    const chosen = schemes.find((s) => !Object.values(META.current).includes(s)) || schemes[0];
    choosePreset(chosen);
  }
  showBodyKnobs();
}

function applyProcess(q) {
  const o = (k, d) => (q.get("o." + k) === null ? d : JSON.parse(q.get("o." + k)));
  preset = "";
  members = q.get("states") ? new Set(q.get("states").split(",")) : null;
  extras = {};
  byState = {};
  showExtras();
  $("preset").value = "";
  $("body").value = "process";
  $("model").value = "apriori";
  $("process-kind").value = o("kind", "lawmaking");
  $("filibuster").checked = o("filibuster", false);
  $("vp-tiebreak").checked = o("vp_tiebreak", false);
  $("dc").checked = o("dc_statehood", false);
  $("pr").checked = o("pr_statehood", false);
  $("method").value = o("house_method", "huntington-hill");
  const size = o("house_size", "435");
  $("house-size-kind").value = /^\d+$/.test(size) ? (size === "435" ? "435" : "number") : size;
  if (/^\d+$/.test(size)) $("house-size").value = size;
  if (q.get("census")) $("census").value = q.get("census");
  $("population").value = q.get("pop") || "";
  $("won-by").value = q.get("wonby") || "";
  if (q.get("index") && q.get("index") !== "all") $("index").value = q.get("index");
  showBodyKnobs();
}

function setKnobs(s) {
  $("body").value = s.body || "electoral-college";
  const house = s.house || {}, e = s.electors || {}, sen = s.senate || {}, m = s.members || {};
  const size = house.size;
  $("house-size-kind").value = size === undefined || size === 435 ? "435" : typeof size === "number" ? "number" : size;
  $("house-size").value = typeof size === "number" ? size : 435;
  $("method").value = house.method || "huntington-hill";
  $("per-state").value = e.per_state === undefined ? 2 : e.per_state;
  $("elector-rule").value = e.rule || "winner-take-all";
  $("split-states").checked = e.split_states !== false;
  byState = { ...(e.by_state || {}) };
  $("senate-seats").value = sen.seats || "equal";
  $("senate-quota").value = sen.quota || "";
  $("dc").checked = (m.add || []).includes("DC");
  $("pr").checked = (m.add || []).includes("PR");
  if (s.census) $("census").value = String(s.census);
  if (s.population) $("population").value = s.population;
  extras = leftover(s);
  $("preset").value = "";
  showExtras();
}

function showExtras() {
  const keys = Object.entries(extras).filter(([k]) => k !== "name").flatMap(([k, v]) =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.keys(v).map((kk) => `${k}.${kk}`) : [k]);
  $("extras").hidden = !keys.length;
  $("extras").textContent = keys.length ? `The opened scenario also sets ${keys.join(", ")} (kept; no knob shows it).` : "";
}

// a built-in scheme: its knobs shown (the answer still comes from the scheme itself)
function choosePreset(id) {
  const spec = META.schemes.find((s) => s.id === id);
  if (!spec) return;
  if (spec.scenario) setKnobs(spec.scenario);
  preset = id;
  extras = {};
  $("preset").value = id;
  $("extras").hidden = !!spec.scenario;
  $("extras").textContent = spec.scenario ? "" : `${id} is no setting of these knobs; they show the last setting.`;
}

// ---------------------------------------------------------------- fetching
async function getJSON(url) {
  if (STATIC) url = staticPath(url);
  const response = await fetch(url);
  const data = await response.json();
  if (!response.ok || (data.error && Object.keys(data).length <= 2)) throw new Error(data.error || `HTTP ${response.status}`);
  return data;
}

// the file of a static copy that holds the answer to an API address
function staticPath(url) {
  if (url === "/api/meta") return "meta.json";
  const [path, text] = url.split("?");
  const q = new URLSearchParams(text || "");
  const kind = path.replace("/api/", "");
  const schemes = (q.get("schemes") || "").split(",");
  const scheme = schemes[schemes.length - 1];
  const census = q.get("census") || "2020";
  const plain = ["cmd", "schemes", "index", "census"];
  const custom = [...q.keys()].some((k) => !plain.includes(k));
  if (!["states", "diff"].includes(kind) || custom || !META.static.schemes.includes(scheme)
      || !META.static.censuses.includes(Number(census))) throw new Error(NEEDS_SERVER);
  return `data/${census}/${q.get("index") || "banzhaf"}/${kind}-${scheme}.json`;
}

function schedule() {
  window.__votepowerBusy = true;  // for the tests: a question is on its way
  clearTimeout(timer);
  timer = setTimeout(update, 120);
}

// a setting of the knobs that is a built-in scheme is asked as that scheme (the same body,
// tested state by state; the store answers it at once)
function same(a, b) {
  if (typeof a !== "object" || a === null || typeof b !== "object" || b === null) return a === b;
  const ka = Object.keys(a).sort(), kb = Object.keys(b).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && same(a[k], b[k]));
}
function recognise() {
  if (preset || $("body").value === "process" || Object.keys(extras).length) return;
  const { name, ...mine } = scenario();
  const hit = META.schemes.find((s) => s.scenario && same(mine, (({ name: _, ...rest }) => rest)(s.scenario)));
  if (hit) { preset = hit.id; $("preset").value = hit.id; }
}

async function update() {
  const mine = ++generation;
  recognise();
  const link = query("compare");
  const process = $("body").value === "process";
  history.replaceState(null, "", "?" + link);
  $("download-csv").href = (process ? "/api/process?" : "/api/states?") + query("states") + "&format=csv";
  const writable = !process && (!preset || META.schemes.find((x) => x.id === preset).scenario);
  const toml = new URLSearchParams([["cmd", "states"], ["scen", b64([{ source: SOURCE, ...scenario() }])],
    ...commonPairs().filter(([k]) => ["census", "pop", "states", "wonby"].includes(k))]);
  $("download-toml").href = writable ? "/api/scenario.toml?" + toml.toString().replace(/%2C/g, ",") : "#";
  $("download-toml").toggleAttribute("aria-disabled", !writable);
  $("status").textContent = "Computing…";
  $("error").hidden = true;
  const empirical = $("model").value === "empirical";
  try {
    const [states, diff] = await Promise.all([
      getJSON((process ? "/api/process?" : "/api/states?") + query("states")),
      empirical || process ? Promise.resolve(null) : getJSON("/api/diff?" + query("diff")),
    ]);
    if (mine !== generation) return;
    lastStates = states;
    draw(states, diff);
    $("status").textContent = "";
  } catch (err) {
    if (mine !== generation) return;
    $("status").textContent = "";
    $("error").textContent = err.message;
    $("error").hidden = false;
  }
  window.__votepowerBusy = false;
}

// ---------------------------------------------------------------- start
function showBodyKnobs() {
  const body = $("body").value;
  document.querySelectorAll(".for-ec").forEach((e) => { e.hidden = body !== "electoral-college"; });
  document.querySelectorAll(".for-senate").forEach((e) => { e.hidden = body !== "senate"; });
  document.querySelectorAll(".for-house").forEach((e) => { e.hidden = body === "senate"; });
  document.querySelectorAll(".for-process").forEach((e) => { e.hidden = body !== "process"; });
  $("model").disabled = body === "process";
  if (body === "process") $("model").value = "apriori";
  document.querySelectorAll(".for-empirical").forEach((e) => { e.hidden = $("model").value !== "empirical"; });
  $("house-size").hidden = $("house-size-kind").value !== "number";
}

function options(select, items) {
  for (const [value, text] of items) {
    const o = document.createElement("option");
    o.value = value; o.textContent = text;
    select.append(o);
  }
}

// the page's three views: the explorer ("reform"), the search ("reforms"), the classroom
function mode(name) {
  for (const view of ["reform", "reforms", "classroom"]) {
    $(view).hidden = view !== name;
    $("tab-" + view).setAttribute("aria-pressed", String(view === name));
  }
  if (name === "classroom" && !$("game-result").children.length) computeGame();
  if (name === "reform") history.replaceState(null, "", "?" + query("compare"));
  if (name === "reforms" && lastSearch) history.replaceState(null, "", "?" + searchQuery());
}

async function start() {
  META = await getJSON("/api/meta");
  options($("preset"), [["", "custom (the knobs)"], ...META.schemes.map((s) => [s.id, `${s.id}: ${s.description}`])]);
  options($("method"), META.methods.map((m) => [m.id, m.id]));
  options($("census"), META.censuses.map((c) => [String(c), String(c)]));
  $("census").value = "2020";
  options($("population"), META.population_bases.map((b) => [b, b]));
  options($("won-by"), META.elections.flatMap((y) => [["D:" + y, `states won by D in ${y}`], ["R:" + y, `states won by R in ${y}`]]));
  options($("election"), [["", "2024 (default)"], ...META.elections.map((y) => [String(y), String(y)])]);
  options($("game-example"), META.reference_games.map((g) => [g.id, `${g.id}: ${g.description}`]));
  $("preset").value = preset;
  if (STATIC) {
    for (const id of ["download-csv", "download-toml", "upload"]) $(id).closest("a, label").hidden = true;
    $("game-error").textContent = NEEDS_SERVER.replace("this setting", "the classroom");
  }
  startSearch();
  const search = location.search.slice(1);
  const searching = new URLSearchParams(search).get("cmd") === "reforms";
  if (search && !searching) {
    try { applyQuery(search); } catch (err) { showError("the link is damaged: " + err.message); }
  }
  showBodyKnobs();
  $("knobs").addEventListener("change", (evt) => {
    if (evt.target.id === "click-mode") return;  // how clicks act, not a question
    if (evt.target.id === "preset") {
      if (evt.target.value) choosePreset(evt.target.value); else preset = "";
    } else if (!["index", "model", "election", "nsd", "ssd", "shift", "lean", "census", "population", "won-by"].includes(evt.target.id)) {
      preset = "";
      $("preset").value = "";
      delete extras.name;
      showExtras();
    }
    if (evt.target.id === "won-by") members = null;
    showBodyKnobs();
    schedule();
  });
  $("clear-members").addEventListener("click", () => { members = null; $("won-by").value = ""; schedule(); });
  $("copy-link").addEventListener("click", async () => {
    try { await navigator.clipboard.writeText(location.href); $("status").textContent = "Link copied."; }
    catch (err) { $("status").textContent = "Copy this page's address: " + location.href; }
  });
  $("download-svg").addEventListener("click", () => save(new Blob([pictureSVG()], { type: "image/svg+xml" }), "votepower.svg"));
  $("download-png").addEventListener("click", downloadPNG);
  $("upload").addEventListener("change", (evt) => { if (evt.target.files[0]) upload(evt.target.files[0]); });
  for (const view of ["reform", "reforms", "classroom"]) $("tab-" + view).addEventListener("click", () => mode(view));
  $("game-form").addEventListener("submit", computeGame);
  $("quiz").addEventListener("change", quiz);
  $("reveal").addEventListener("click", () => { $("quiz").checked = false; quiz(); });
  await update();
  if (searching) {  // a share link of a search: its form set, the search view shown and run
    try { applySearchQuery(search); } catch (err) { showError("the link is damaged: " + err.message); }
    mode("reforms");
    await runSearch();
  }
  document.body.dataset.ready = "1";
}

start().catch((err) => showError(err.message));
