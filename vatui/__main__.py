"""`python -m vatui` and the `vatui` command."""

import sys

from vatui.cli import main

if __name__ == "__main__":
    sys.exit(main())
