"""JavaScript services shared by every JS rule: parsing, the one walk, scopes, folding, global paths."""
