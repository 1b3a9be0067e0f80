"""``votepower serve``: the reform explorer in a browser (:mod:`votepower.ui.web`)."""

from __future__ import annotations

from pathlib import Path

import click

from .common import WholeNumber, _domain_errors, main


@main.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="The address to listen on; anything but this machine's own is open to "
              "others (a warning is printed).")  # fmt: skip
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="The port (0: any free one).")  # fmt: skip
@click.option("--open", "open_browser", is_flag=True, help="Open the page in the browser.")
@click.option("--workers", type=WholeNumber(min=1), default=2, show_default=True,
              help="Processes computing answers (one question each at a time).")  # fmt: skip
@click.option(
    "--timeout",
    type=click.FloatRange(min=1, max=3600),
    default=30.0,
    show_default=True,
    help="Seconds one question may take before it is stopped.",
)
def serve(host: str, port: int, open_browser: bool, workers: int, timeout: float) -> None:
    """Serve the reform explorer: change the House, the electors, the Senate or the union in
    the page and see every citizen's power, with the command line's numbers. Every asset is
    in the package (no internet needed). Ctrl+C stops it.
    """
    from ..web.server import ServerSettings, is_loopback, make_server

    try:
        settings = ServerSettings(workers=workers, timeout=timeout, prefetch=True)
        server = make_server(host, port, settings)
    except OSError as exc:
        raise click.ClickException(f"cannot listen on {host}:{port}: {exc.strerror}") from None
    if not is_loopback(host):
        click.echo(
            f"Warning: listening on {host}, not only this machine: anyone who can reach it "
            "can use the explorer (and its computing time).",
            err=True,
        )
    server.pool.wait_ready()
    click.echo(f"votepower explorer at {server.url} (Ctrl+C stops it)", err=False)
    if open_browser:
        import webbrowser

        webbrowser.open(server.url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


@main.command("site")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--censuses",
    default=None,
    metavar="YEARS",
    help="Only these censuses (e.g. 2010,2020 or 1990-2020). Default: every one.",
)
@click.option(
    "--schemes",
    "scheme_list",
    default=None,
    metavar="IDS",
    help="Only these built-in schemes (comma-separated). Default: every one.",
)
@_domain_errors
def site(folder: Path, censuses: str | None, scheme_list: str | None) -> None:
    """Write a static copy of the explorer into FOLDER, for any static web host: the page and
    every built-in scheme under every census and both indices, answered in advance. Settings
    that need a computation say that they need 'votepower serve'.
    """
    from ...request.commands import parse_censuses
    from ...request.errors import RequestError
    from ...us import datasets
    from ...us.alternatives import SCHEMES
    from ..web.site import write_site

    if folder.exists() and any(folder.iterdir()) and not (folder / "meta.json").is_file():
        raise click.UsageError(f"{folder} is not empty and holds no votepower site; choose "
                               "an empty folder")  # fmt: skip
    try:
        years = None
        if censuses is not None:
            years = parse_censuses(censuses, tuple(datasets.apportionment_census_years()))
        names = None
        if scheme_list is not None:
            names = [SCHEMES.get(s.strip()).id for s in scheme_list.split(",") if s.strip()]
    except RequestError as exc:
        raise click.UsageError(str(exc)) from None
    try:
        count = write_site(folder, censuses=years, schemes=names,
                           progress=lambda text: click.echo(f"  {text}", err=True))  # fmt: skip
    except OSError as exc:
        raise click.ClickException(f"cannot write {folder}: {exc.strerror}") from None
    click.echo(f"Wrote {count} answers and the page to {folder}; serve it with any static web "
               f"host (e.g. python -m http.server -d {folder}).")  # fmt: skip
