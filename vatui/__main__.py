"""`python -m vatui` and the `vatui` command."""

import sys


def main() -> int:
    from vatui.cli import main as cli_main

    return cli_main()


if __name__ == "__main__":
    sys.exit(main())
