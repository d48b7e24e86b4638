"""What `copydesk report` shows people: the balance scorecard of a draft, its HTML page (the draft
highlighted by family, beside the scorecard), the archive view of a folder and a rule's sample hits.
Reads the engine's diagnostics and the language analyses; imports lint.engine and below."""
