"""Checks written in Python; each pack rule of kind "python" names one as module.function."""
