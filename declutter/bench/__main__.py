"""``python -m declutter.bench``: see ``declutter.bench.cli``."""

import sys

from .cli import main

sys.exit(main())
