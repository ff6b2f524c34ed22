"""Vocabulary of the materials analysis: routes of the waste hierarchy, kinds of needs of the
works, List of Waste codes.

References
----------
.. [1] Directive 2008/98/EC on waste, art. 11(2)(b), as amended by Directive (EU) 2018/851.
.. [2] Commission Decision 2000/532/EC (List of Waste), consolidated by Decision 2014/955/EU.
"""

from __future__ import annotations

import re
from typing import Any

#: Routes of a material, in the order of the waste hierarchy.
ROUTES = (
    "reuse_on_site",
    "reuse_off_site",
    "recycling",
    "backfilling",
    "energy_recovery",
    "disposal",
)
#: Material recovery in the sense of the WFD [1]: energy recovery does not count.
RECOVERY_ROUTES = ("reuse_on_site", "reuse_off_site", "recycling", "backfilling")
REUSE_ROUTES = ("reuse_on_site", "reuse_off_site")
#: Legal categories of a tonne, after where it goes (in the order of the waste hierarchy):
#: ``reemploi`` (products taken out before they become waste, code de l'environnement
#: L.541-1-1), ``recyclage`` (waste reprocessed into materials: road sub-base, paths,
#: aggregates), ``remblayage`` (backfilling, Directive 2008/98/EC art. 3(17a) as amended by
#: Directive (EU) 2018/851: berm or landscaping fill, reported apart),
#: ``valorisation_energetique``, ``elimination``.
CATEGORIES = ("reemploi", "recyclage", "remblayage", "valorisation_energetique", "elimination")
#: Categories that count as material recovery in the WFD rate [1] (backfilling included,
#: reported apart).
RECOVERY_CATEGORIES = ("reemploi", "recyclage", "remblayage")
#: Category of the off-site routes (``reuse_off_site`` depends on the material: a product is
#: réemploi, a mineral bulk material sent to a taker is recycling).
ROUTE_CATEGORY = {
    "recycling": "recyclage",
    "backfilling": "remblayage",
    "energy_recovery": "valorisation_energetique",
    "disposal": "elimination",
}
#: Category of the site's material used by a need of the works, by kind of need: berm fill
#: is backfilling; road sub-bases and aggregates for paths are recycling (the material is
#: reprocessed into an aggregate, Directive 2008/98/EC art. 3(17)); an ``other`` need is
#: counted as backfilling (landscaping engineering), the category reported apart.
NEED_KIND_CATEGORY = {
    "berm_fill": "remblayage",
    "road_sub_base": "recyclage",
    "aggregates": "recyclage",
    "other": "remblayage",
}
#: Destinations of the site's material meant for use on site, other than the needs: what no
#: need takes leaves for the recycling platform.
SURPLUS_DESTINATION = "surplus"
#: Materials counted hazardous by precaution until a test says otherwise -> the code they
#: take when the test is negative. Roofing membranes of the 1950s-60s may contain coal tar
#: (17 03 01*, bituminous mixtures containing coal tar): they stay hazardous until a PAH
#: test shows they are 17 03 02 (Decision 2000/532/EC).
SUSPECTED_UNTIL_TESTED = {"bituminous_tar": "17 03 02"}
#: Naturally occurring material, excluded from the WFD rate [1].
NATURAL_SOIL_CODE = "17 05 04"
NEED_KINDS = ("berm_fill", "road_sub_base", "aggregates", "other")
#: Materials accepted by default for each kind of need. Crushed concrete and inert mixtures
#: are accepted in earthworks and road sub-bases under conditions (Cerema 2016, guide
#: « Acceptabilité environnementale de matériaux alternatifs en technique routière : les
#: matériaux de déconstruction issus du BTP »); soil only in fill.
DEFAULT_ACCEPTS = {
    "berm_fill": ("concrete", "bricks", "tiles_ceramics", "mixed_inert", "soil_stones"),
    "road_sub_base": ("concrete",),
    "aggregates": ("concrete", "bricks", "mixed_inert"),
    "other": ("concrete", "bricks", "tiles_ceramics", "mixed_inert", "soil_stones"),
}

_LOW_CODE = re.compile(r"^\s*(\d{2})\s*(\d{2})\s*(\d{2})\s*(\*?)\s*$")


# ------------------------------------------------------------------- List of Waste codes
def normalise_low_code(code: Any) -> str:
    """A List of Waste code written the canonical way, ``"17 01 01"`` or ``"17 06 05*"``.

    Parameters
    ----------
    code : str
        Six digits, spaces optional, hazardous entries with a trailing asterisk
        (``"170101"``, ``"17 01 01"``, ``"17 06 05*"``).

    Returns
    -------
    str

    Raises
    ------
    ValueError
        If the code is not six digits (chapters 01 to 20) with an optional asterisk.

    References
    ----------
    Commission Decision 2000/532/EC (List of Waste), consolidated by Decision 2014/955/EU.
    """
    match = _LOW_CODE.match(str(code))
    if not match or not 1 <= int(match.group(1)) <= 20:
        raise ValueError(
            "un code de la liste européenne des déchets à 6 chiffres, chapitres 01 à 20, "
            "espaces facultatifs, astérisque pour un déchet dangereux (17 01 01, 170101, "
            "17 06 05*)"
        )
    return " ".join(match.group(i) for i in (1, 2, 3)) + match.group(4)


def is_hazardous_code(code: str) -> bool:
    """True for an asterisk (hazardous) entry of the List of Waste."""
    return normalise_low_code(code).endswith("*")
