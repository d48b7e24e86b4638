"""What `copydesk report` shows: the balance scorecard of a draft, built from the engine's
diagnostics and the language analyses. Imports lint.engine and below."""
