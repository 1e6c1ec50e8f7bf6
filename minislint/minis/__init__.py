"""TikTok Minis project knowledge: minis.config.json, trusted domains, JSON with positions."""
