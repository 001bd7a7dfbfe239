"""The programs app's models, one module per part: plan (nomenclature, programs, targets),
agreements (berita acara kesepakatan), realization (progress per period), aspirations (kiprah desa)."""

from programs.models.agreements import Agreement
from programs.models.aspirations import Aspiration
from programs.models.plan import (
    LEVEL_ABOVE,
    FundingSource,
    Nomenclature,
    NomenclatureEdition,
    NomenclatureQuerySet,
    Program,
    ProgramQuerySet,
    Target,
    TargetQuerySet,
    parent_problem,
)
from programs.models.realization import Period, Realization

__all__ = [
    "LEVEL_ABOVE",
    "Agreement",
    "Aspiration",
    "FundingSource",
    "Nomenclature",
    "NomenclatureEdition",
    "NomenclatureQuerySet",
    "Period",
    "Program",
    "ProgramQuerySet",
    "Realization",
    "Target",
    "TargetQuerySet",
    "parent_problem",
]
