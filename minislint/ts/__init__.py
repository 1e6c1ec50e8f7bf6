"""TypeScript support: erase types in place so the JavaScript rules see exact TS positions."""
from .erase import Blanked, Note, blank

__all__ = ["Blanked", "Note", "blank"]
