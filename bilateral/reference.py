"""General reference data about countries from the ISO 3166 tables (pycountry),
the one dataset besides the sources that the editorial guide allows."""
from __future__ import annotations

from functools import lru_cache

@lru_cache(maxsize=None)
def iso_country(code: str, lang: str = "en") -> dict | None:
    """The country's ISO 3166 record, its names in `lang` where pycountry's
    translations (from Debian's iso-codes) have them."""
    import pycountry

    found = pycountry.countries.get(alpha_2=code.upper()) if isinstance(code, str) and len(code) == 2 else None
    if found is None:
        return None
    name = _translator(lang)
    return {
        "alpha_2": found.alpha_2,
        "alpha_3": found.alpha_3,
        "name": name(found.name),
        "official_name": name(getattr(found, "official_name", found.name)),
    }


@lru_cache(maxsize=None)
def _translator(lang: str):
    import gettext

    import pycountry
    if lang == "en":
        return str
    # Portuguese as Brazil writes it, as the interface's catalogue does
    languages = {"pt": ["pt_BR", "pt"]}.get(lang, [lang])
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=languages, fallback=True).gettext
