"""minislint: static checks for TikTok Minis H5 apps."""

__version__ = "0.1.0"
