"""`python -m vatui` and the `vatui` command."""

import gc
import sys


def main() -> int:
    # Start-up allocates hundreds of thousands of objects (modules, the data file's records,
    # widgets) and none of them is garbage: the collector would only walk them again and again
    # (40 ms on a new file, more on a heavy year). Collection resumes once the cockpit is on
    # screen (CockpitBase.on_mount), and straight after the arguments for every other command.
    gc.disable()
    from vatui.cli import main as cli_main

    return cli_main()


if __name__ == "__main__":
    sys.exit(main())
