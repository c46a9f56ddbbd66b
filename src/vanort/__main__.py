from vanort.cli import main

raise SystemExit(main())
