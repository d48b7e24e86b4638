"""The engine: runs a rule set on a document and owns what every rule shares (scope, quotes,
reporter voice, opinion relaxation, suppression, severity, ordering, fixes), and resolves the
configuration that applies to each draft.

Imports lint.registry, lint.language, lint.text and the ground floor; never a particular check.
"""
