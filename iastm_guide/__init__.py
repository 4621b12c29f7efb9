"""The IASTM Guide's own code, as an importable package.

Subsystems (one folder each): the content rules and the evidence data are plain
Python that needs no site generator; `hooks/` holds the thin MkDocs adapters.
"""
