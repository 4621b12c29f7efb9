"""Content: reading pages as editors wrote them, and the checkers on them (no MkDocs needed)."""
