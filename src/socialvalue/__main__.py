"""``python -m socialvalue``: the same as the ``socialvalue`` command."""

import sys

from socialvalue.cli import main

sys.exit(main())
