"""``python -m declutter``: the command line (see ``declutter --help``)."""

from .cli import entry

if __name__ == "__main__":
    entry()
