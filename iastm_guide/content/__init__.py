"""Content: reading pages as editors wrote them (no MkDocs needed)."""
