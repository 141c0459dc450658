"""``python -m training``: see :mod:`training._cli`."""

from training._cli import main

raise SystemExit(main())
