"""Reading a draft: decoding its bytes, line and column positions, and the prose view.

The format adapters (plain text, Markdown) turn a draft into a prose view exactly as long as the
source, with markup blanked, so every later offset is an offset in the file. This layer imports
only the ground floor (lint.model, lint.config) and the standard library or markdown-it-py.
"""
