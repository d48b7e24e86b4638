"""The language server (`copydesk serve`): pygls over stdio. Imports lint.engine and below, and
lint.render.lsp for the diagnostics it publishes; pygls is imported in this package and nowhere
else, and only when the server starts.

server.py wires the parts: session.py (the open documents, the settings, the linter of each draft,
the problems already shown), configs.py (which linter: lint.engine.resolve with the editor's
settings on top), documents.py (a buffer's lines, edits and last lint), positions.py (LSP positions
to offsets and back: nothing else converts), settings.py, one module per method family
(lifecycle.py, sync.py, publish.py, hover.py, actions.py), protocol.py (pygls's protocol and frame
reader, adjusted) and memory.py (what a closed document gives back).
"""
