import sys

from municipal_guidelines.cli import main

sys.exit(main())
