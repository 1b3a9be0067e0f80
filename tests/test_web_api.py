"""The explorer's API without a browser: every endpoint, bad input (a 400 with the command
line's one-line message, never a traceback), the limits (uploads, waiting questions, the time
per question), and the contract that ``GET /api/compare?QUERY`` returns what ``votepower
compare --format json`` prints, QUERY being the query of ``--link``."""

from __future__ import annotations

import json
import threading
import tomllib
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from votepower.request.codec import from_query, to_query
from votepower.request.model import Request
from votepower.ui.cli import main
from votepower.ui.web.api import MAX_UPLOAD, compute, route
from votepower.ui.web.server import ServerSettings, is_loopback, running

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "scenarios"


def _cli(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def _error(parsed) -> tuple[int, str]:
    assert parsed.reply is not None and parsed.task is None
    return parsed.reply.status, json.loads(parsed.reply.body)["error"]


# --------------------------------------------------------------------------------------------
# routes, without sockets
# --------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("method", "path", "query", "status", "message"),
    [
        ("GET", "/api/states", "schemes=nope", 400, "unknown scheme 'nope'"),
        ("GET", "/api/states", "bogus=1", 400, "unknown key 'bogus'"),
        ("GET", "/api/states", "cmd=compare", 400, "the query asks for compare, not states"),
        ("GET", "/api/states", "cmd=states&cmd=states", 400, "gives 'cmd' twice"),
        ("GET", "/api/states", "census=abc", 400, "the link's census is not a value"),
        ("GET", "/api/states", "scen=%%%", 400, "damaged"),
        ("GET", "/api/states", "format=pdf", 400, "format 'pdf'"),
        ("GET", "/api/compare", "model=empirical&index=banzhaf", 400, "index"),
        ("GET", "/api/diff", "schemes=ec-current", 400, "diff needs 2 schemes"),
        ("GET", "/api/history", "", 400, "history runs on the command line only"),
        ("GET", "/api/nowhere", "", 404, "no such address"),
        ("POST", "/api/states", "", 405, "/api/states takes GET"),
        ("GET", "/api/upload", "", 405, "takes POST"),
        ("GET", "/api/game", "", 400, "give one game"),
        ("GET", "/api/game", "spec=6: 4 x 2", 400, ""),
        ("GET", "/api/game", "spec=6:4 3&color=red", 400, "no parameter 'color'"),
        ("GET", "/api/game", "spec=6:4 3&exact=maybe", 400, "exact is 1 or 0"),
        ("GET", "/api/game", "example=nope", 400, "nope"),
        ("GET", "/api/game", "spec=" + " ".join(["1"] * 70), 400, "at most 60 players"),
        ("GET", "/api/scenario.toml", "schemes=ec-current", 400, "holds no scenario"),
        ("GET", "/api/link", "x" * 100_001, 400, "longer than 100,000 characters"),
    ],
)
def test_bad_requests_get_one_line(method, path, query, status, message):
    got_status, text = _error(route(method, path, query))
    assert got_status == status
    assert message in text
    assert "\n" not in text and "Traceback" not in text


def test_a_request_becomes_a_task_and_its_answer_is_the_command_lines():
    parsed = route("GET", "/api/states", "schemes=senate-current&index=banzhaf")
    assert parsed.task is not None
    status, text = compute(parsed.task)
    assert status == 200
    cli = _cli("states", "--scheme", "senate-current", "--index", "banzhaf", "--format", "json")
    assert text == cli
    csv = route("GET", "/api/states", "schemes=senate-current&index=banzhaf&format=csv").task
    assert csv.format == "csv" and csv.key != parsed.task.key
    assert compute(csv) == (200, _cli("states", "--scheme", "senate-current", "--index",
                                      "banzhaf", "--format", "csv"))  # fmt: skip


def test_the_engine_refusing_a_question_is_a_400():
    status, text = compute(route("GET", "/api/states", "census=1800").task)
    assert status == 400 and "1800" in json.loads(text)["error"]
    # the empirical model has no Senate
    task = route("GET", "/api/states", "schemes=senate-current&model=empirical").task
    status, text = compute(task)
    assert status == 400 and "presidential" in json.loads(text)["error"]


def test_game_answers_as_the_game_command():
    task = route("GET", "/api/game", "spec=6: 4 3 2&exact=1&explain=1").task
    status, text = compute(task)
    assert status == 200
    assert text == _cli("game", "6: 4 3 2", "--exact", "--explain", "--format", "json")
    data = json.loads(text)
    assert [p["swings"] for p in data["players"]] == [3, 1, 1]
    assert "Winning coalitions" in data["explanation"]


def test_meta_lists_the_registries():
    meta = json.loads(route("GET", "/api/meta", "").reply.body)
    assert "ec-current" in [s["id"] for s in meta["schemes"]]
    assert 2020 in meta["censuses"] and "webster" in [m["id"] for m in meta["methods"]]
    assert meta["tiles"]["CA"] == [4, 1] and len(meta["tiles"]) == 52
    assert [i["id"] for i in meta["indices"]] == ["banzhaf", "shapley-shubik"]


def test_upload_and_scenario_download_round_trip():
    text = (EXAMPLES / "wyoming_rule_no_dc.toml").read_text()
    up = route("POST", "/api/upload", "", text.encode()).reply
    assert up.status == 200
    query = json.loads(up.body)["query"]
    request = from_query(query)
    assert request.command == "compare" and request.scenarios[0][1] == tomllib.loads(text)
    down = route("GET", "/api/scenario.toml", query + "&census=2010").reply
    assert down.status == 200 and "attachment" in dict(down.headers)["Content-Disposition"]
    saved = tomllib.loads(down.body.decode())
    assert saved["census"] == 2010 and saved["house"] == {
        "method": "webster",
        "size": "wyoming-rule",
    }
    assert _error(route("POST", "/api/upload", "", b"\xff\xfe")) == (
        400,
        "the file is not UTF-8 text",
    )
    status, message = _error(route("POST", "/api/upload", "", b"body = 3"))
    assert status == 400 and "body" in message
    status, message = _error(route("POST", "/api/upload", "", b"x" * (MAX_UPLOAD + 1)))
    assert status == 400 and "larger than" in message


def test_link_is_canonical():
    request = Request("compare", schemes=("ec-current", "ec-webster"), index="banzhaf")
    messy = "index=bz&schemes=ec-current,ec-webster&cmd=compare"
    reply = route("GET", "/api/link", messy).reply
    assert json.loads(reply.body)["query"] == to_query(request)


def test_loopback():
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.2")


# --------------------------------------------------------------------------------------------
# over HTTP
# --------------------------------------------------------------------------------------------
def _get(url: str, data: bytes | None = None) -> tuple[int, bytes, dict]:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, data=data), timeout=120) as r:
            return r.status, r.read(), dict(r.headers)
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read(), dict(exc.headers)


def test_compare_of_a_link_is_the_command_lines_json(server):
    path = str(EXAMPLES / "wyoming_rule_no_dc.toml")
    link = _cli("compare", "--scenario", path, "--schemes", "ec-current,ec-webster", "--link")
    assert link.startswith("http://127.0.0.1:8000/?cmd=compare&")
    query = link.strip().split("?", 1)[1]
    status, body, headers = _get(f"{server.url}api/compare?{query}")
    assert status == 200 and headers["Content-Type"] == "application/json"
    assert body.decode() == _cli(
        "compare", "--scenario", path, "--schemes", "ec-current,ec-webster", "--format", "json"
    )


def test_the_page_and_its_files_are_served_with_safe_headers(server):
    status, body, headers = _get(server.url)
    assert status == 200 and b"reform explorer" in body
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    for name in ("app.js", "draw.js", "tools.js", "style.css"):
        assert _get(f"{server.url}static/{name}")[0] == 200
    assert b"http" not in _get(f"{server.url}static/style.css")[1]  # nothing from elsewhere
    for bad in ("static/../server.py", "static/nothing.js", "..%2f..%2fetc%2fpasswd"):
        assert _get(server.url + bad)[0] == 404


def test_bad_http_input(server):
    status, body, _ = _get(f"{server.url}api/states?schemes=nope")
    assert status == 400 and json.loads(body)["error"].startswith("unknown scheme 'nope'")
    status, body, _ = _get(f"{server.url}api/upload", b"x" * (MAX_UPLOAD + 10))
    assert status == 413
    request = urllib.request.Request(f"{server.url}api/states", method="PUT", data=b"")
    try:
        urllib.request.urlopen(request, timeout=30)
    except urllib.error.HTTPError as exc:
        assert exc.code == 405


def test_concurrent_clients_get_every_answer_once(server):
    """Twenty clients asking eight questions at once: every answer right, each question
    computed once (the rest wait for it or read the cache)."""
    unions = ("CA,TX,NY", "CA,TX", "WY,VT,DC", "FL,GA,OH", "PA,MI,WI", "AZ,NV", "ME,NE", "CA,WY")
    queries = [f"schemes=ec-current&index=banzhaf&states={s}" for s in unions]
    before = server.answers.computed
    results: dict[int, tuple[int, bytes]] = {}

    def client(n: int) -> None:
        status, body, _ = _get(f"{server.url}api/states?{queries[n % len(queries)]}")
        results[n] = (status, body)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(status == 200 for status, _ in results.values())
    for n, (_, body) in results.items():
        codes = queries[n % len(queries)].rsplit("=", 1)[1].split(",")
        assert sorted(r["state"] for r in json.loads(body)["states"]) == sorted(codes)
    assert server.answers.computed - before == len(queries)


def test_a_question_past_its_time_is_stopped_and_the_server_goes_on():
    with running(settings=ServerSettings(workers=1, timeout=1, max_waiting=0)) as srv:
        slow = "schemes=ec-district,ec-proportional,ec-current&model=empirical&nsd=0.01&ssd=0.005"
        status, body, _ = _get(f"{srv.url}api/compare?{slow}")
        assert (
            status == 503 and "longer than this server's limit of 1 s" in json.loads(body)["error"]
        )
        status, body, _ = _get(f"{srv.url}api/states?schemes=senate-current&index=banzhaf")
        assert status == 200  # a fresh worker


# --------------------------------------------------------------------------------------------
# the search ("Which reform?")
# --------------------------------------------------------------------------------------------
def test_a_search_is_the_command_lines_with_the_web_budget():
    link = _cli("reforms", "--house-sizes", "430..440", "--methods", "adams,dean", "--target",
                "3.45", "--link")  # fmt: skip
    assert link.startswith("http://127.0.0.1:8000/?cmd=reforms&")
    query = link.strip().split("?", 1)[1]
    task = route("GET", "/api/reforms", query).task
    assert json.loads(task.text)["options"]["budget"] == 5000  # the web's, written in
    status, text = compute(task)
    assert status == 200
    assert text == _cli("reforms", "--house-sizes", "430..440", "--methods", "adams,dean",
                        "--target", "3.45", "--budget", "5000", "--format", "json")  # fmt: skip
    assert json.loads(text)["budget"] == 5000
    # a budget the web allows is kept as asked
    task = route("GET", "/api/reforms", query + "&o.budget=100").task
    assert json.loads(task.text)["options"]["budget"] == 100
    csv = route("GET", "/api/reforms", query + "&format=csv").task
    assert compute(csv)[1].startswith("house_size,method,")


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("o.budget=5001", "the explorer evaluates at most 5,000 reforms a search"),
        ('o.house_sizes="500..400"', "the range runs backwards"),
        ('o.body="senate"&o.methods="adams"', "--methods: a knob of the Electoral College"),
        ("o.house_sizes=435", "--house-sizes is a text"),
        ('o.objective="inversion"', "--objective inversion is the empirical model's"),
    ],
)
def test_a_bad_search_is_a_400(query, message):
    status, text = _error(route("GET", "/api/reforms", query))
    assert status == 400 and message in text


def test_a_space_past_the_web_budget_is_refused_before_any_work():
    status, text = compute(route("GET", "/api/reforms", 'o.house_sizes="1..6000"').task)
    assert status == 400
    assert "6,000 reforms, past the work budget of 5,000" in json.loads(text)["error"]


def test_the_search_and_its_options_in_meta():
    meta = json.loads(route("GET", "/api/meta", "").reply.body)
    assert "reforms" in meta["commands"] and meta["limits"]["reforms"] == 5000
    objectives = {o["id"]: o for o in meta["objectives"]}
    assert objectives["inversion"]["empirical"] and not objectives["inversion"]["apriori"]
    assert {"seats", "electors", "senators", "representatives", "states", "new-states"} == {
        c["id"] for c in meta["costs"]
    }
