"""Every rule of the catalog, one module each, grouped by domain (the code's letter).

Importing this package imports every rule module, which registers its rule.
"""

from __future__ import annotations

import importlib
import pkgutil


def _import_all() -> None:
    for info in pkgutil.walk_packages(__path__, f"{__name__}."):
        importlib.import_module(info.name)


_import_all()
