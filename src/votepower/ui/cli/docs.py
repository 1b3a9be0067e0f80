"""``votepower docs``: the documentation, installed with the package."""

from __future__ import annotations

import click

from ...core.errors import VotepowerError
from ..topics import topic_text, topics
from .common import main


@main.command("docs")
@click.argument("topic", required=False)
def docs_command(topic: str | None) -> None:
    """Print a page of the documentation (Markdown), or list the pages.

    The outputs' notes name their page, as in 'votepower docs citizen-power'.
    """
    try:
        if topic is None:
            pages = topics()
            width = max(len(name) for name in pages)
            lines = [f"  {name:<{width}}  {title}" for name, title in pages.items()]
            click.echo("The documentation's pages ('votepower docs TOPIC' prints one):")
            click.echo("\n".join(lines))
            return
        click.echo(topic_text(topic), nl=False)
    except VotepowerError as exc:
        raise click.UsageError(str(exc)) from None
