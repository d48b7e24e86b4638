"""Reports for people: one draft's HTML page, the archive view of a folder, a rule's sample hits.

Reads the engine, the scorecard and the attribution analysis; nothing below imports it.
"""
