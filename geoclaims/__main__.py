"""``python -m geoclaims``."""

from geoclaims.cli import main

main()
