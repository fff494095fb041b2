"""python3 -m glancebench run|compare|purge ..."""

import sys

from .cli import main

sys.exit(main())
