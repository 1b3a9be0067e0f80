"""``votepower serve``: the reform explorer in a browser (:mod:`votepower.ui.web`)."""

from __future__ import annotations

import click

from .common import WholeNumber, main


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
        server = make_server(host, port, ServerSettings(workers=workers, timeout=timeout))
    except OSError as exc:
        raise click.ClickException(f"cannot listen on {host}:{port}: {exc.strerror}") from None
    if not is_loopback(host):
        click.echo(
            f"Warning: listening on {host}, not only this machine: anyone who can reach it "
            "can use the explorer (and its computing time).",
            err=True,
        )
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
