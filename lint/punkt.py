"""NLTK's Punkt sentence tokenizer, built from parameters and imported as cheaply as it can be.

Importing nltk.tokenize.punkt normally runs nltk's package __init__ (most of nltk, 0.15 s here)
and nltk.pathsec, which pulls in http.client, ssl and urllib for loading trained models from disk
or the network. copydesk loads no model: it builds Punkt from parameters. So the import runs
with stand-ins for the two package __init__s and for the model-loading modules; afterwards every
nltk module loaded that way leaves sys.modules again, so that a later "import nltk" anywhere
(a user's code, textstat) gets the real, complete package.
"""
from __future__ import annotations

import functools
import importlib.util
import os
import sys
import types

# Abbreviations news copy uses, as Punkt stores them: lower case, no final period.
ABBREVIATIONS = frozenset(
    "sen rep gov gen lt col maj sgt capt cmdr adm mr mrs ms dr prof rev st ft mt jr sr "
    "u.s u.k u.n d.c e.u u.s.a a.m p.m jan feb mar apr aug sept sep oct nov dec "
    "inc corp co ltd bros no nos vol dept est approx vs ave blvd pres supt atty "
    "calif colo conn fla ill mass mich minn tenn wash wis ariz ark okla penn va".split()
)
# Words that begin a sentence after an abbreviation-like token.
SENT_STARTERS = frozenset(
    "the a an but and he she it they we i in on at this that these those his her its their "
    "however meanwhile still yet so if when while after before there here some many".split()
)


def _no_model_files(*args, **kwargs):
    raise RuntimeError("copydesk builds Punkt from parameters and never loads NLTK data")


def _stand_ins(root: str) -> dict[str, types.ModuleType]:
    packages = {"nltk": root, "nltk.tokenize": os.path.join(root, "tokenize")}
    modules = {}
    for name, folder in packages.items():
        module = types.ModuleType(name)
        module.__path__ = [folder]
        modules[name] = module
    for name in ("nltk.pathsec", "nltk.picklesec"):
        module = types.ModuleType(name)
        module.__getattr__ = lambda attribute: _no_model_files  # any name they export
        modules[name] = module
    return modules


def _import_punkt() -> types.ModuleType:
    if "nltk" in sys.modules:  # the real package is already loaded: nothing to save
        import nltk.tokenize.punkt as punkt

        return punkt
    sys.modules.update(_stand_ins(importlib.util.find_spec("nltk").submodule_search_locations[0]))
    try:
        import nltk.tokenize.punkt as punkt
    except Exception:  # an nltk laid out differently: pay for the ordinary import instead
        punkt = None
    finally:
        for name in [n for n in sys.modules if n == "nltk" or n.startswith("nltk.")]:
            del sys.modules[name]
    if punkt is None:
        import nltk.tokenize.punkt as punkt
    return punkt


@functools.lru_cache(maxsize=1)
def tokenizer():
    """The one Punkt tokenizer of the process, with copydesk's newsroom parameters."""
    punkt = _import_punkt()
    params = punkt.PunktParameters()
    params.abbrev_types = set(ABBREVIATIONS)
    params.sent_starters = set(SENT_STARTERS)
    return punkt.PunktSentenceTokenizer(params)
