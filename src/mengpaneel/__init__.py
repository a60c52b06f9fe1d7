"""Mengpaneel: the digital workplace for area-based working in Dutch municipalities."""
