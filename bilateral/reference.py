"""General reference data about countries from the ISO 3166 tables (pycountry),
the one dataset besides the sources that the editorial guide allows."""
from __future__ import annotations

from functools import lru_cache

@lru_cache(maxsize=None)
def iso_country(code: str) -> dict | None:
    import pycountry

    found = pycountry.countries.get(alpha_2=code.upper()) if isinstance(code, str) and len(code) == 2 else None
    if found is None:
        return None
    return {
        "alpha_2": found.alpha_2,
        "alpha_3": found.alpha_3,
        "name": found.name,
        "official_name": getattr(found, "official_name", found.name),
    }
