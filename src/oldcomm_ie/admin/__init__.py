"""Administrative resolution: which province, city, district and street each place and
project is in, with its GB/T 2260 code (the `oldcomm_admin` stage, after relations)."""
from .component import AdminAnnotator, AdminComponent, make_admin
from .divisions import Divisions, default_divisions
from .resolve import Mention, Resolver

__all__ = ["AdminAnnotator", "AdminComponent", "Divisions", "Mention", "Resolver", "default_divisions",
           "make_admin"]
