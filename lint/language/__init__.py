"""Language analysis of the prose view: sentences (Punkt), words, quotes, phrase matching, who is
speaking (attribution), readability counts and syllables, hedge cues.

A Document (segment.py) carries its analyses, each computed once on first use (analyses.py).
This layer imports lint.text and the ground floor; it knows nothing of rules or packs.
"""
