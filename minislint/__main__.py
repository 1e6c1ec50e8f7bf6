from minislint.cli import main

raise SystemExit(main())
