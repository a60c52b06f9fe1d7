#!/usr/bin/env python
"""Django's manage.py; the installed ``mengpaneel`` command does the same."""

from mengpaneel.cli import main

if __name__ == "__main__":
    main()
