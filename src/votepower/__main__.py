"""``python -m votepower`` runs the command line."""

from .ui.cli import main

if __name__ == "__main__":
    main(prog_name="votepower")
