"""python -m watchfloor"""

from watchfloor.cli import main

main()
