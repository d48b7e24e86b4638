"""The rules: rule packs read from TOML, the kinds a rule can be (existence, substitution, python,
engine) with their typed options, selection by specificity, and the rules' documentation.

Imports lint.language (phrase matching) and below; a Python check is found by name in
lint.checks when it first runs, never imported here.
"""
