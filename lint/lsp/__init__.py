"""The language server (`copydesk serve`): pygls over stdio. Imports lint.engine and below, and
lint.render.lsp for the diagnostics it publishes; pygls is imported here and nowhere else."""
