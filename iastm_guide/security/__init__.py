"""Security: what untrusted content may carry, and the Content Security Policy.

- `markup`: forbidden markup and remote resources in a page's rendered content.
- `files`: what may be published from docs/ (no symbolic links, SVG and CSS rules).
"""
