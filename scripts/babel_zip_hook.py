"""PyInstaller runtime hook (build.spec): Babel's 1,100 locale files (35 MB) travel as one zip
(8 MB, LZMA) inside the bundle, read from there instead of from a folder.

Babel opens ``babel/locale-data/<name>.dat`` with ``open``, checks it with ``os.path.exists`` and
lists the folder for ``locale_identifiers``; those three are pointed at the zip. Runs in the frozen
program only, before the program's own code."""

import os
import sys
import zipfile


def _install() -> None:
    archive = os.path.join(getattr(sys, "_MEIPASS", ""), "babel", "locale-data.zip")
    if not os.path.exists(archive):
        return
    from babel import localedata

    data = zipfile.ZipFile(archive)
    names = frozenset(n[:-4] for n in data.namelist() if n.endswith(".dat"))

    def open_dat(filename, mode="rb", *args, **kwargs):
        return data.open(os.path.basename(filename))

    def exists(name):
        if not name or not isinstance(name, str):
            return False
        return name in localedata._cache or name in names or bool(localedata.normalize_locale(name))

    localedata.open = open_dat  # found in the module's globals before the builtin
    localedata.exists = exists
    localedata.locale_identifiers = lambda: sorted(n for n in names if n != "root")


_install()
