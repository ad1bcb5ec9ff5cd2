"""The bundled program's entry point (build.spec): PyInstaller runs a script, and
``workshop/__main__.py`` imports relatively, as a package's ``python -m`` entry does."""

import sys

from workshop.cli import main

sys.exit(main())
