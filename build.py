#!/usr/bin/env python3
"""Build the site: `python build.py [build|check|new|serve|schema|linkcheck] ...` (see --help)."""
import sys

from bilateral.cli import main

if __name__ == "__main__":
    sys.exit(main())
