// votepower's reform explorer: downloads, uploads and the classroom.
"use strict";

// ---------------------------------------------------------------- downloads and uploads
function pictureSVG() {
  const w = 900, out = el("svg", { xmlns: NS, width: w, height: 640, viewBox: `0 0 ${w} 640` });
  out.append(el("rect", { width: w, height: 640, fill: "#fff" }));
  out.append(el("text", { x: 10, y: 20, "font-size": 14, "font-family": "sans-serif" }, $("map-title").textContent));
  const place = (svg, x, y, width) => {
    const copy = svg.cloneNode(true);
    copy.setAttribute("x", x); copy.setAttribute("y", y); copy.setAttribute("width", width);
    copy.removeAttribute("style");
    return copy;
  };
  out.append(place($("map").querySelector("svg"), 10, 30, 480));
  out.append(place($("key").querySelector("svg"), 10, 360, 480));
  out.append(place($("bars").querySelector("svg"), 520, 30, 370));
  return new XMLSerializer().serializeToString(out);
}

function save(blob, name) {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.append(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
}

function downloadPNG() {
  const image = new Image();
  const url = URL.createObjectURL(new Blob([pictureSVG()], { type: "image/svg+xml" }));
  image.onload = () => {
    const canvas = document.createElement("canvas");
    canvas.width = 1800; canvas.height = 1280;
    const ctx = canvas.getContext("2d");
    ctx.scale(2, 2);
    ctx.drawImage(image, 0, 0);
    URL.revokeObjectURL(url);
    canvas.toBlob((blob) => save(blob, "votepower.png"), "image/png");
  };
  image.src = url;
}

async function upload(file) {
  if (file.size > META.limits.upload_bytes) { showError(`the file is larger than ${META.limits.upload_bytes / 1024} KiB`); return; }
  const response = await fetch("/api/upload", { method: "POST", body: await file.text(), headers: { "Content-Type": "application/toml" } });
  const data = await response.json();
  if (!response.ok) { showError(data.error); return; }
  applyQuery(data.query);
  update();
}
function showError(text) { $("error").textContent = text; $("error").hidden = false; }

// ---------------------------------------------------------------- classroom
async function computeGame(evt) {
  if (evt) evt.preventDefault();
  const p = new URLSearchParams();
  if ($("game-example").value) p.set("example", $("game-example").value); else p.set("spec", $("game-spec").value);
  p.set("explain", "1");
  p.set("exact", $("game-exact").checked ? "1" : "0");
  $("game-error").hidden = true;
  try {
    const data = await getJSON("/api/game?" + p.toString());
    const keys = ["name", "weight", "swings", "banzhaf", "banzhaf_normalized", "shapley_shubik"].filter((k) => k in data.players[0]);
    const table = tableOf(data.players, keys, { banzhaf: "Banzhaf", banzhaf_normalized: "Banzhaf (normalized)", shapley_shubik: "Shapley–Shubik" });
    table.id = "game-table";
    $("game-result").replaceChildren(table);
    $("game-explain").textContent = data.explanation || "";
    quiz();
  } catch (err) {
    $("game-error").textContent = err.message;
    $("game-error").hidden = false;
  }
}
function quiz() {
  const hide = $("quiz").checked;
  $("reveal").hidden = !hide;
  document.querySelectorAll("#game-table td:nth-child(n+3)").forEach((td) => { td.style.visibility = hide ? "hidden" : ""; });
  $("game-explain").hidden = hide;
}
